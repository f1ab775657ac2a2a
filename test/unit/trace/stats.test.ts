/** Statistics and linear algebra the trace fitter stands on, against values worked out by hand. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { cholesky, nearestCorrelation, stationaryCovariance } from "../../../src/sim/copula/linalg.ts";
import {
  acf1,
  lowerQuantile,
  mean,
  normalScores,
  normCdf,
  normInv,
  pearson,
  quantileSorted,
  std,
} from "../../../src/trace/stats.ts";
import { Random } from "../../../src/sim/random.ts";
import { gauss } from "../../../src/sim/gauss.ts";

const close = (a: number, b: number, eps: number, what: string): void =>
  assert.ok(Math.abs(a - b) <= eps, `${what}: ${a} vs ${b} (±${eps})`);

test("moments and quantiles of a small series", () => {
  const xs = [1, 2, 3, 4];
  assert.equal(mean(xs), 2.5);
  close(std(xs), Math.sqrt(1.25), 1e-12, "population std");
  assert.equal(quantileSorted(xs, 0.5), 2.5, "type 7 interpolates");
  assert.equal(lowerQuantile(xs, 0.5), 2, "the inverse ECDF takes a value the data has");
  assert.equal(lowerQuantile([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0.95), 1);
  assert.equal(lowerQuantile([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0.9), 0);
});

test("lag-1 autocorrelation: alternating -1, a ramp near 1, pooled within series only", () => {
  close(acf1([[1, -1, 1, -1, 1, -1, 1, -1]]), -7 / 8, 1e-12, "alternating");
  assert.ok(acf1([Array.from({ length: 100 }, (_, i) => i)]) > 0.95);
  // Two flat series at different levels: no lag product crosses from one to the other.
  close(
    acf1([
      [0, 0, 0],
      [1, 1, 1],
    ]),
    (4 * 0.25) / (6 * 0.25),
    1e-12,
    "pooled",
  );
});

test("an AR(1) with phi 0.8 shows lag-1 autocorrelation 0.8", () => {
  const r = new Random(3);
  const xs = new Float64Array(50_000);
  for (let i = 1; i < xs.length; i++) xs[i] = 0.8 * (xs[i - 1] as number) + gauss(r);
  close(acf1([xs]), 0.8, 0.01, "acf");
});

test("normal CDF and its inverse agree; Pearson of a line is 1", () => {
  for (const p of [0.001, 0.02, 0.3, 0.5, 0.77, 0.999]) close(normCdf(normInv(p)), p, 1e-6, `p=${p}`);
  close(normInv(0.975), 1.959964, 1e-5, "z 97.5 %");
  close(pearson([1, 2, 3], [2, 4, 6]), 1, 1e-12, "line");
  assert.equal(pearson([1, 1, 1], [1, 2, 3]), 0, "a constant side");
});

test("normal scores: ranks in order, ties share the conditional mean of their interval", () => {
  const s = normalScores([0, 0, 0, 1]);
  assert.equal(s[0], s[1]);
  assert.equal(s[1], s[2]);
  // E[Z | Z > Φ⁻¹(0.75)] = φ(0.6745) / 0.25
  close(s[3] as number, Math.exp(-0.5 * 0.6745 ** 2) / Math.sqrt(2 * Math.PI) / 0.25, 1e-3, "top quarter");
  close((s[0] as number) * 3 + (s[3] as number), 0, 1e-9, "scores average 0");
});

test("Cholesky factors, the nearest correlation matrix is factorable, AR stationary variance", () => {
  const a = Float64Array.from([4, 2, 2, 3]);
  const l = cholesky(a, 2);
  assert.ok(l);
  close((l[2] as number) * (l[0] as number), 2, 1e-12, "L Lᵀ off-diagonal");
  // Pairwise possible, jointly impossible correlations.
  const bad = Float64Array.from([1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1]);
  assert.equal(cholesky(bad, 3), undefined);
  const fixed = nearestCorrelation(bad, 3);
  assert.ok(cholesky(fixed, 3), "factorable after the fix");
  close(fixed[0] as number, 1, 1e-12, "unit diagonal");
  const c = stationaryCovariance(Float64Array.from([0.9]), Float64Array.from([0.19]), 1);
  close(c[0] as number, 0.19 / (1 - 0.81), 1e-9, "s / (1 - a²)");
});
