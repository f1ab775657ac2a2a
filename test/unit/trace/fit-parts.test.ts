/** The fitter's parts: weak cycles with smooth profiles, extreme order statistics kept one by one, a latent of one memory per column, clock columns. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { clockOf, CLOCKS } from "../../../src/trace/clock-columns.ts";
import { findCycles } from "../../../src/trace/cycles.ts";
import { harmonicProfile } from "../../../src/trace/harmonics.ts";
import { quantilesOf } from "../../../src/trace/marginal.ts";
import { correlations, simulate } from "../../../src/trace/simulate.ts";
import { diagonalVar } from "../../../src/trace/var-model.ts";
import { columnValue, quantileAtProbabilities } from "../../../src/sim/copula/latent.ts";
import { trace } from "../../../src/sim/declared/generators/trace.ts";
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";
import { normalScores, std } from "../../../src/trace/stats.ts";

const DAY = 86_400_000;
const YEAR = 365.2425 * DAY;

/** Daily rows over `years` with a yearly swing of amplitude `a` (in noise sds). */
function seasonal(years: number, a: number, seed = 5): { values: Float64Array; times: Float64Array } {
  const r = new Random(seed);
  const n = Math.round((years * YEAR) / DAY);
  const times = Float64Array.from({ length: n }, (_, i) => Date.UTC(2001, 0, 1) + i * DAY);
  const values = times.map((t) => a * Math.cos((2 * Math.PI * t) / YEAR) + gauss(r));
  return { values, times };
}

test("a harmonic profile recovers a yearly swing per weekly bin", () => {
  const { values, times } = seasonal(10, 1);
  const profile = harmonicProfile(values, times, "yearly");
  assert.ok(profile);
  assert.equal(profile.length, 52);
  // Week 0 is early January (the peak of the cosine), week 26 early July (the trough).
  assert.ok(Math.abs((profile[0] as number) - 1) < 0.15, `week 0: ${profile[0]}`);
  assert.ok(Math.abs((profile[26] as number) + 1) < 0.15, `week 26: ${profile[26]}`);
});

test("a season too weak for 52 weekly means is found by the fitter's second look, not by compare's", () => {
  // Amplitude 0.3: the season explains about 4 % of the variance; weekly means of 10 years are noisy.
  const { values, times } = seasonal(10, 0.3, 9);
  const scores = normalScores(values);
  assert.deepEqual(
    findCycles(scores, times, DAY).map((c) => c.period),
    [],
    "the strict test (compare's) misses it",
  );
  const weak = findCycles(scores, times, DAY, true);
  assert.deepEqual(
    weak.map((c) => c.period),
    ["yearly"],
  );
  // And noise gets no cycle from either look, nor does slow noise (its chance level is higher).
  const noise = seasonal(10, 0, 13);
  assert.deepEqual(findCycles(normalScores(noise.values), noise.times, DAY, true), []);
  let level = 0;
  const slow = noise.values.map((e) => (level = 0.9 * level + e));
  assert.deepEqual(findCycles(normalScores(slow), noise.times, DAY, true), []);
});

test("a long trace keeps its extremes one by one: a lone outlier is not spread over the top step", () => {
  const r = new Random(3);
  const x = Float64Array.from({ length: 6000 }, () => 10 + gauss(r));
  x[17] = 400;
  const { quantiles, probabilities, steps } = quantilesOf(x, 2);
  assert.equal(steps, false);
  assert.ok(probabilities, "uneven probabilities for a long trace");
  assert.equal(quantiles.length, probabilities.length);
  // The outlier is a flat step of its own share, 1/n; the value below it an ordinary one.
  assert.deepEqual(quantiles.slice(-2), [400, 400]);
  assert.deepEqual(
    probabilities.slice(-2),
    [5999 / 6000, 1].map((p) => +p.toFixed(9)),
  );
  assert.ok((quantiles[quantiles.length - 3] as number) < 20, "the second largest is an ordinary value");
  // Drawn through the generator's mapping, the std is the trace's (the outlier at its own rate).
  const model = { quantiles, probabilities, cycles: [] };
  const u = new Random(8);
  const drawn = Float64Array.from({ length: 600_000 }, () => columnValue(model, gauss(u), 0));
  assert.ok(Math.abs(std(drawn) / std(x) - 1) < 0.15, `std ${std(drawn)} vs ${std(x)}`);
  assert.equal(quantileAtProbabilities([0, 10, 20], [0, 0.5, 1], 0.75), 15);
  // A short trace keeps every order statistic at even probabilities.
  assert.equal(quantilesOf([3, 1, 2, 5, 4, 6], 0).probabilities, undefined);
});

test("trace generator: probabilities must rise from 0 to 1, one per quantile", () => {
  const check = trace.check as (p: Record<string, unknown>) => string[];
  assert.deepEqual(check({ quantiles: [1, 2, 3], probabilities: [0, 0.2, 1] }), []);
  assert.match(check({ quantiles: [1, 2, 3], probabilities: [0, 1] }).join(), /one per quantile/);
  assert.match(check({ quantiles: [1, 2, 3], probabilities: [0, 0.7, 0.5] }).join(), /rise from 0 to 1/);
});

test("trace generator: given, above and givenQuantiles come together; the state's value picks the marginal", () => {
  const check = trace.check as (p: Record<string, unknown>) => string[];
  assert.deepEqual(check({ quantiles: [0, 1], given: "pump", above: 0.5, givenQuantiles: [7, 8] }), []);
  assert.match(check({ quantiles: [0, 1], given: "pump" }).join(), /give all three/);
  assert.match(check({ quantiles: [0, 1], given: "pump", above: 0.5, givenQuantiles: [8, 7] }).join(), /not decrease/);
  const model = {
    quantiles: [0, 1],
    cycles: [],
    given: { column: 0, above: 0.5, quantiles: [7, 8] },
  };
  assert.ok(Math.abs(columnValue(model, 0, 0, 0) - 0.5) < 1e-6, "state 0: the first marginal's median");
  assert.ok(Math.abs(columnValue(model, 0, 0, 1) - 7.5) < 1e-6, "state 1: the given marginal's median");
});

test("one memory per column: the latent keeps each column's autocorrelation and their correlation", () => {
  const k = 2;
  const c0 = Float64Array.from([1, 0.5, 0.5, 1]);
  const latent = diagonalVar(c0, [0.9, 0.6], k, [1, 1]);
  assert.deepEqual(Array.from(latent.transition), [0.9, 0, 0, 0.6]);
  const model = { quantiles: Array.from({ length: 101 }, (_, i) => i), cycles: [] };
  const times = new Float64Array(60_000);
  const got = correlations(simulate([model, model], latent, times, 4));
  assert.ok(Math.abs((got.lag1[0] as number) - 0.9) < 0.03, `acf ${got.lag1[0]}`);
  assert.ok(Math.abs((got.lag1[3] as number) - 0.6) < 0.03, `acf ${got.lag1[3]}`);
  assert.ok(Math.abs((got.lag0[1] as number) - 0.5) < 0.05, `correlation ${got.lag0[1]}`);
});

test("clock columns: a function of the row's time is found when the trace spans 4 of its periods", () => {
  const hourMs = 3_600_000;
  const start = Date.UTC(2024, 0, 1, 0, 10); // a Monday, 00:10
  const times = Float64Array.from({ length: 24 * 30 }, (_, i) => start + i * hourMs);
  const at = (f: (d: Date) => number): Float64Array => times.map((t) => f(new Date(t)));
  assert.equal(
    clockOf(
      at((d) => d.getUTCHours()),
      times,
    )?.what,
    "hour of the day",
  );
  assert.equal(
    clockOf(
      at((d) => d.getUTCDay()),
      times,
    )?.what,
    "weekday, Sunday 0",
  );
  assert.equal(
    clockOf(
      at((d) => d.getUTCHours() * 100 + d.getUTCMinutes()),
      times,
    )?.what,
    "time of day as HHMM",
  );
  assert.equal(
    clockOf(
      at((d) => d.getUTCHours()),
      times.subarray(0, 72),
    ),
    undefined,
    "3 days are too few",
  );
  assert.equal(
    clockOf(
      at((d) => d.getUTCHours() + (d.getUTCDate() === 9 ? 1 : 0)),
      times,
    ),
    undefined,
  );
  for (const c of CLOCKS) {
    const x = at((d) => c.at(d.getTime() / 1000));
    assert.equal(clockOf(x, times)?.expr, c.expr, `${c.what}: found as itself`);
  }
});
