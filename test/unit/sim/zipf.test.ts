import assert from "node:assert/strict";
import { test } from "node:test";
import { Random } from "../../../src/sim/random.ts";
import { ZipfSampler } from "../../../src/sim/zipf.ts";

test("zipf: sample frequencies match 1 / rank^s", () => {
  const n = 20;
  const s = 1.2;
  const z = new ZipfSampler(n, s);
  const r = new Random(8);
  const counts = new Array<number>(n).fill(0);
  const draws = 200_000;
  for (let i = 0; i < draws; i++) {
    const k = z.sample(r);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  let total = 0;
  for (let k = 0; k < n; k++) total += 1 / (k + 1) ** s;
  for (let k = 0; k < n; k++) {
    const expected = draws / (k + 1) ** s / total;
    assert.ok(
      Math.abs((counts[k] ?? 0) - expected) < 5 * Math.sqrt(expected) + 5,
      `rank ${k}: ${counts[k]} vs ${expected}`,
    );
  }
});

test("zipf: exponent 0 is uniform; n = 1 always 0", () => {
  const u = new ZipfSampler(4, 0);
  const r = new Random(1);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < 40_000; i++) counts[u.sample(r)]! += 1;
  assert.ok(
    counts.every((c) => Math.abs(c - 10_000) < 500),
    counts.join(),
  );
  const one = new ZipfSampler(1, 1);
  for (let i = 0; i < 100; i++) assert.equal(one.sample(r), 0);
});
