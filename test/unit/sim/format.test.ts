import assert from "node:assert/strict";
import { test } from "node:test";
import { fmt1, fmt2, fmtInt } from "../../../src/sim/format.ts";
import { Random } from "../../../src/sim/random.ts";

test("fmt2: two decimals, same value as Math.round(x * 100) / 100", () => {
  assert.equal(fmt2(25.6), "25.60");
  assert.equal(fmt2(-0.05), "-0.05");
  assert.equal(fmt2(-12.125), "-12.12"); // Math.round rounds half towards +∞, like round2
  assert.equal(fmt2(-0.001), "0.00");
  assert.equal(fmt2(1013), "1013.00");
  const r = new Random(1);
  for (let i = 0; i < 10_000; i++) {
    const x = r.range(-2000, 2000);
    assert.equal(Number(fmt2(x)), Math.round(x * 100) / 100, String(x));
  }
});

test("fmt: never NaN or Infinity in JSON", () => {
  for (const f of [fmt1, fmt2, fmtInt]) {
    for (const x of [NaN, Infinity, -Infinity, 1e300]) {
      const s = f(x);
      assert.ok(Number.isFinite(JSON.parse(s)), `${f.name}(${x}) = ${s}`);
    }
  }
  assert.equal(fmt1(87), "87.0");
  assert.equal(fmt1(-3.25), "-3.2");
  assert.equal(fmtInt(84.6), "85");
});
