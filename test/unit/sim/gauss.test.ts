import assert from "node:assert/strict";
import { test } from "node:test";
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";

/** Φ(x) by Abramowitz-Stegun 7.1.26 (error < 1.5e-7). */
function phi(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const erf =
    1 -
    t *
      (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

test("gauss: standard normal moments and CDF, tails included", () => {
  const r = new Random(12);
  const n = 400_000;
  const xs = new Float64Array(n);
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const x = gauss(r);
    xs[i] = x;
    sum += x;
    sq += x * x;
  }
  const mean = sum / n;
  const sd = Math.sqrt(sq / n - mean * mean);
  assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(sd - 1) < 0.01, `sd ${sd}`);
  xs.sort();
  for (const x of [-3.5, -2, -1, -0.3, 0, 0.5, 1.5, 2.5, 3.5]) {
    let below = 0;
    while (below < n && xs[below]! < x) below++;
    const want = phi(x);
    assert.ok(
      Math.abs(below / n - want) < 4 * Math.sqrt((want * (1 - want)) / n) + 1e-5,
      `F(${x}) = ${below / n} vs ${want}`,
    );
  }
  assert.ok(xs[0]! < -3.6 && xs[n - 1]! > 3.6, "tails beyond the ziggurat base are drawn");
});

test("gauss: same seed, same deviates", () => {
  const a = new Random(5);
  const b = new Random(5);
  for (let i = 0; i < 1000; i++) assert.equal(gauss(a), gauss(b));
});
