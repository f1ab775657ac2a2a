/** The fitter's answers to outliers and seasons: even tails, a 0/1 column's probit seasons, a table undoing a cycle's skew, clipped profiles. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { calibrateBinaryCycles } from "../../../src/trace/binary-cycles.ts";
import { undoCycleMix } from "../../../src/trace/cycle-marginal.ts";
import { quantilesOf } from "../../../src/trace/marginal.ts";
import { simulate } from "../../../src/trace/simulate.ts";
import { columnValue, cycleScore, tailStart, type ColumnModel, type Cycle } from "../../../src/sim/copula/latent.ts";
import { trace } from "../../../src/sim/declared/generators/trace.ts";
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";
import { lowerQuantile, normCdf, normInv, sortedCopy } from "../../../src/trace/stats.ts";

const DAY = 86_400_000;
const white = { k: 1, transition: Float64Array.from([0]), cholesky: Float64Array.from([1]) };

test("a lone outlier is drawn at its own rate (1 in n rows), not a Poisson count of times", () => {
  const r = new Random(3);
  const x = Float64Array.from({ length: 5000 }, () => 10 + gauss(r));
  x[2500] = 400;
  const table = quantilesOf(x, 2);
  assert.ok(table.tails && table.tails[1] < 1, "the top extremes are isolated: an even tail");
  const model: ColumnModel = { ...table, cycles: [] };
  // 50,000 rows: 10 draws of the outlier expected; a Poisson count is 10 ± 3.2.
  const counts = [1, 2, 3, 4, 5].map((seed) => {
    const [y] = simulate([model], white, new Float64Array(50_000), seed) as [Float64Array];
    return y.filter((v) => v === 400).length;
  });
  assert.ok(
    counts.every((c) => c >= 9 && c <= 11),
    `outlier draws per 50,000 rows: ${counts}`,
  );
  // Without the device's visit counters (the generator's median call) the draw is the plain mapping.
  assert.equal(columnValue(model, 10, 0), 400);
});

test("extremes in runs (a slow excursion) keep their order: no even tail", () => {
  const r = new Random(4);
  let u = 0;
  const x = Float64Array.from({ length: 5000 }, () => (u = 0.995 * u + 0.1 * gauss(r)));
  assert.equal(quantilesOf(x, 3).tails, undefined);
  const check = trace.check as (p: Record<string, unknown>) => string[];
  assert.deepEqual(check({ quantiles: [0, 1], tails: [0, 0.99] }), []);
  assert.match(check({ quantiles: [0, 1], tails: [0.9, 0.1] }).join(), /tails: must hold two probabilities/);
});

test("a 0/1 column's season on its probit scale: each bin's share is the trace's", () => {
  // Daily rows over 12 years: a flag on 10 % of the days from September to December, never else.
  const r = new Random(6);
  const times = Float64Array.from({ length: 12 * 365 }, (_, i) => Date.UTC(2001, 0, 1) + i * DAY);
  const autumn = (t: number): boolean => new Date(t).getUTCMonth() >= 8;
  const upper = times.map((t) => (autumn(t) && r.next() < 0.1 ? 1 : 0));
  const share = upper.reduce((a, b) => a + b, 0) / upper.length;
  const tau = normInv(1 - share);
  const cycles: Cycle[] = [{ period: "yearly", profile: new Float64Array(52) }];
  calibrateBinaryCycles(cycles, upper, times, tau, 0.9);
  const rate = (keep: (t: number) => boolean, f: (t: number) => number): number => {
    const rows = Array.from(times).filter(keep);
    return rows.reduce((a, t) => a + f(t), 0) / rows.length;
  };
  const model = (t: number): number => normCdf((cycleScore(cycles, t) - tau) / 0.9);
  const inAutumn = rate(autumn, model);
  const otherwise = rate((t) => !autumn(t), model);
  assert.ok(Math.abs(inAutumn - rate(autumn, (t) => upper[times.indexOf(t)] as number)) < 0.01, `autumn ${inAutumn}`);
  assert.ok(otherwise < 0.01, `the rest of the year: ${otherwise}`);
});

test("a table composed with the law of Φ(c + u): a skewing season keeps the trace's p95", () => {
  // A reading lifted by 2.5 sds in 6 weeks of 52: its scores' mixture is far from normal.
  const r = new Random(7);
  const times = Float64Array.from({ length: 20 * 364 }, (_, i) => Date.UTC(2001, 0, 1) + i * DAY);
  const lift = (t: number): number => ((t - Date.UTC(2001, 0, 1)) % (364 * DAY) < 42 * DAY ? 2.5 : 0);
  const x = times.map((t) => lift(t) + gauss(r));
  const table = quantilesOf(x, 3);
  // The cycle as the fitter keeps it: the lift in score units, centred.
  const mean = times.reduce((a, t) => a + lift(t), 0) / times.length;
  const scale = Math.sqrt(1 + 2.5 ** 2 * (6 / 52) * (46 / 52));
  const cycle = times.map((t) => (lift(t) - mean) / scale);
  const sigma = 1 / scale;
  const p95 = (m: ColumnModel): number =>
    lowerQuantile(sortedCopy(Array.from(cycle, (c, i) => columnValue(m, c + sigma * gauss(new Random(i)), 0))), 0.95);
  const plain: ColumnModel = { ...table, cycles: [] };
  const undone: ColumnModel = { ...table, cycles: [] };
  undoCycleMix(undone, cycle, sigma);
  const target = lowerQuantile(sortedCopy(x), 0.95);
  const range = Math.max(...x) - Math.min(...x);
  assert.ok(Math.abs(p95(undone) - target) < 0.02 * range, `undone p95 ${p95(undone)} vs ${target}`);
  assert.ok(Math.abs(p95(plain) - target) > Math.abs(p95(undone) - target), "the plain table is further off");
});

test("a lone outlier's draws in a short sample are the visits' share of it, from any start (a stride, not a golden-ratio sequence)", () => {
  const r = new Random(5);
  const x = Float64Array.from({ length: 5698 }, () => 10 + gauss(r));
  x[18] = 400;
  const model: ColumnModel = { ...quantilesOf(x, 2), cycles: [] };
  // 188 visits to the top tail (a 20,000-row sample's): 3.7 draws of the outlier in the mean.
  // The counters start at each column's component, so every start must give 3 or 4.
  const counts = Array.from({ length: 100 }, (_, start) => {
    const visits = Float64Array.from([0, start]);
    let c = 0;
    for (let i = 0; i < 188; i++) if (columnValue(model, 6, 0, -Infinity, visits, 0) === 400) c++;
    return c;
  });
  assert.ok(
    counts.every((c) => c === 3 || c === 4),
    `outlier draws in 188 visits by start: ${counts}`,
  );
});

test("two columns built alike, in lockstep, do not draw their lone outliers at the same visits", () => {
  const r = new Random(6);
  const x = Float64Array.from({ length: 5698 }, () => 10 + gauss(r));
  x[18] = 400;
  const model: ColumnModel = { ...quantilesOf(x, 2), cycles: [] };
  // Both columns in their top tail at every event (a latent they share), each counted from its own start.
  const [first, second] = [0, 1].map((c) => Float64Array.from([0, tailStart(c)]));
  let both = 0;
  let outliers = 0;
  for (let i = 0; i < 1010; i++) {
    const a = columnValue(model, 6, 0, -Infinity, first, 0) === 400;
    const b = columnValue(model, 6, 0, -Infinity, second, 0) === 400;
    if (a) outliers++;
    if (a && b) both++;
  }
  assert.equal(outliers, 20, "each outlier point once per pass of the tail's 101 points");
  assert.equal(both, 0, "never at the same visit");
});

test("a long column of few values keeps each value's exact share: flat steps, not steps of 1/1,000", () => {
  // Rain per day: mostly 0, a few amounts, one day of 0.12 (share 1/5,698).
  const r = new Random(8);
  const x = Float64Array.from({ length: 5698 }, () => (r.next() < 0.97 ? 0 : Math.ceil(r.next() * 8) * 0.005));
  x[100] = 0.12;
  const table = quantilesOf(x, 3);
  assert.equal(table.steps, false);
  const model: ColumnModel = { ...table, cycles: [] };
  const share = (v: number): number => {
    let s = 0;
    for (let i = 0; i < 200_000; i++) if (columnValue(model, normInv((i + 0.5) / 200_000), 0) === v) s++;
    return s / 200_000;
  };
  for (const v of [0, 0.005, 0.04, 0.12]) {
    const trace = x.filter((y) => y === v).length / x.length;
    assert.ok(Math.abs(share(v) - trace) < 1e-4, `share of ${v}: ${share(v)} against ${trace}`);
  }
});
