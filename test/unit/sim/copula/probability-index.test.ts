/** The bucket index finds the same stored points as the binary search, so a fitted column's values are unchanged. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { quantileAtProbabilities } from "../../../../src/sim/copula/latent.ts";
import { pointBelow, probabilityIndex } from "../../../../src/sim/copula/probability-index.ts";
import { Random } from "../../../../src/sim/random.ts";

/** The binary search quantileAtProbabilities runs without an index: the lo it settles on. */
function searched(p: ArrayLike<number>, u: number): number {
  let lo = 0;
  let hi = p.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((p[mid] as number) <= u) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The double next to x towards 0 or towards +∞ (x > 0). */
function beside(x: number, up: boolean): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + (up ? 1n : -1n));
  return view.getFloat64(0);
}

/** A long trace's table: 50 extremes of share 1/n at each end, even steps between, a repeated point. */
function fittedLike(n: number): Float64Array {
  const p: number[] = [];
  for (let i = 0; i <= 50; i++) p.push(i / n);
  for (let i = 1; i < 900; i++) p.push(50 / n + (i * (1 - 100 / n)) / 900);
  for (let i = 50; i >= 0; i--) p.push(1 - i / n);
  p[500] = p[499] as number; // a flat step: two points at one probability
  return Float64Array.from(p);
}

test("the index lands on the binary search's point for every probability, bucket edges and stored points included", () => {
  const r = new Random(11);
  for (const p of [
    fittedLike(5698),
    fittedLike(114),
    Float64Array.from([0, 1]),
    Float64Array.from([0, 0, 0.5, 1, 1]),
  ]) {
    const index = probabilityIndex(p);
    assert.ok(index, "a rising table from 0 to 1 has an index");
    const us = [0, -0, 1 - 2 ** -53, 0.5];
    // Each stored point and each bucket edge, and the doubles either side of them.
    for (const x of [...Array.from(p), ...Array.from({ length: 1025 }, (_, b) => b / 1024)]) {
      if (x > 0) us.push(beside(x, false));
      if (x < 1) us.push(x, beside(x, true));
    }
    for (let i = 0; i < 20_000; i++) us.push(r.next());
    for (const u of us) assert.equal(pointBelow(p, index, u), searched(p, u), `u = ${u}`);
  }
});

test("quantileAtProbabilities gives the same value with and without the index (out-of-range u too)", () => {
  const p = fittedLike(5698);
  const q = Float64Array.from(p, (x, i) => i * 0.37 + x * x);
  const index = probabilityIndex(p);
  const r = new Random(12);
  for (const u of [0, 1, 1.5, -0.1, Number.NaN, ...Array.from({ length: 5000 }, () => r.next())]) {
    assert.equal(quantileAtProbabilities(q, p, u, index), quantileAtProbabilities(q, p, u), `u = ${u}`);
  }
});

test("no index for a table that does not rise from 0 to 1 (the binary search then decides)", () => {
  assert.equal(probabilityIndex(Float64Array.from([0, 0.6, 0.4, 1])), undefined);
  assert.equal(probabilityIndex(Float64Array.from([0.1, 0.5, 1])), undefined);
  assert.equal(probabilityIndex(Float64Array.from([0, 0.5, 0.9])), undefined);
  assert.equal(probabilityIndex(Float64Array.from([0])), undefined);
});
