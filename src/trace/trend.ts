/**
 * A trend found in a column, not assumed: a level that rises or falls across the trace far beyond
 * its short-term wander. A piecewise-linear curve of the values over the trace's span (a few even
 * segments); kept when it explains at least half of the column's variance and its odds (the
 * level's variance over the wander's) are at least 1,000 times what its knots would fit by chance
 * in a stationary series of the wander's memory: knots / (n (1 − ρ)/(1 + ρ)), ρ the lag-1
 * autocorrelation of what the level and the cycles under it leave. That memory is measured after
 * the level took the slow part of the wander, so it understates a slow series': at 10 times,
 * stationary AR(1) series (ρ 0.5 to 0.995, 60 to 3,000 rows, 100 each) read as trending up to 73 % of the
 * time, at 100 times up to 12 %, at 1,000 times in none of 2,000 (scripts in the branch note).
 */
import { inverse } from "../sim/copula/linalg.ts";
import { curveAt, type Trend } from "../sim/copula/trend.ts";
import { findCycles } from "./cycles.ts";
import { phaseBin } from "../sim/copula/latent.ts";
import { acf1, normalScores, quantileSorted, sortedCopy, std } from "./stats.ts";

/** Share of the column's variance the trend must explain: more than the wander around it. */
export const MIN_TREND_SHARE = 0.5;
/** How many times its chance odds (knots over the wander's effective length) the trend's odds must be (calibrated above). */
const OVER_CHANCE = 1000;
/** Segments of the curve: at most 6, and at least 10 rows each (a short trace gets fewer). */
const MAX_SEGMENTS = 6;
const ROWS_PER_SEGMENT = 10;

/** Knot values of the least-squares piecewise-linear fit of `values` at positions `along` (0-1), `segments` even segments. */
export function piecewiseLinear(
  values: ArrayLike<number>,
  along: ArrayLike<number>,
  segments: number,
): Float64Array | undefined {
  const p = segments + 1;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let t = 0; t < values.length; t++) {
    const x = Math.min(segments, Math.max(0, (along[t] as number) * segments));
    const i = Math.min(segments - 1, Math.floor(x));
    const w = x - i;
    const y = values[t] as number;
    const [a, b] = [i, i + 1];
    xty[a] = (xty[a] as number) + (1 - w) * y;
    xty[b] = (xty[b] as number) + w * y;
    xtx[a * p + a] = (xtx[a * p + a] as number) + (1 - w) ** 2;
    xtx[b * p + b] = (xtx[b * p + b] as number) + w * w;
    xtx[a * p + b] = (xtx[a * p + b] as number) + (1 - w) * w;
    xtx[b * p + a] = (xtx[b * p + a] as number) + (1 - w) * w;
  }
  const inv = inverse(xtx, p);
  if (!inv) return undefined;
  const knots = new Float64Array(p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) knots[a] = (knots[a] as number) + (inv[a * p + b] as number) * (xty[b] as number);
  return knots;
}

/** A level fitted to a column, with the spread of what it leaves; `x` the column without it, per unit of spread. */
export interface Level {
  trend: Trend;
  /** The level at each of the trace's rows. */
  series: Float64Array;
  /** Share of the column's variance the level explains. */
  share: number;
  x: Float64Array;
  segments: number;
  /** The rows' times, ms. */
  times: ArrayLike<number>;
}

/** The spread's knots: at least this share of the column's mean absolute wander (a quiet stretch is not noiseless). */
const MIN_SPREAD = 0.25;

/** The piecewise-linear level of a column (`values` at the rows' `times`, ms) and the spread around it, untested. */
export function fitLevel(values: ArrayLike<number>, times: ArrayLike<number>): Level | undefined {
  const n = values.length;
  const segments = Math.min(MAX_SEGMENTS, Math.floor(n / ROWS_PER_SEGMENT));
  const t0 = times[0] as number;
  const span = (times[n - 1] as number) - t0;
  if (segments < 1 || !(span > 0)) return undefined;
  const along = Float64Array.from({ length: n }, (_, t) => ((times[t] as number) - t0) / span);
  const knots = piecewiseLinear(values, along, segments);
  if (!knots) return undefined;
  const curve = Array.from(knots, (v) => Number(v.toPrecision(8)));
  const series = Float64Array.from({ length: n }, (_, t) => curveAt(curve, span, (times[t] as number) - t0));
  const residual = Float64Array.from(values, (v, t) => v - (series[t] as number));
  // A level that grows often wanders more as it grows (an economy's quarters): the mean absolute
  // wander along the span, as a multiple of its mean, scales the table back.
  const size = Float64Array.from(residual, Math.abs);
  const typical = size.reduce((a, b) => a + b, 0) / n;
  const rough = typical > 0 ? piecewiseLinear(size, along, segments) : undefined;
  const spread = rough?.map((v) => Number(Math.max(MIN_SPREAD, v / typical).toFixed(4)));
  const scale = spread
    ? Float64Array.from({ length: n }, (_, t) => curveAt(spread, span, (times[t] as number) - t0))
    : undefined;
  const x = scale ? residual.map((r, t) => r / (scale[t] as number)) : residual;
  const total = std(values) ** 2;
  const share = total > 0 ? 1 - std(residual) ** 2 / total : 0;
  const trend: Trend = { span, curve, ...(spread ? { spread: Array.from(spread) } : {}) };
  return { trend, series, share, x, segments, times };
}

/**
 * Whether a fitted level is a trend (the test above): it explains at least half the variance,
 * and its odds (trend over wander) are many times what its knots fit by chance.
 */
export function isTrend(level: Level, times: ArrayLike<number>, cadenceMs: number): boolean {
  const { share, segments } = level;
  if (share < MIN_TREND_SHARE) return false;
  const n = level.x.length;
  // The wander's memory: what the trend and the cycles under it leave (on normal scores, as fitted).
  const rest = normalScores(level.x);
  for (const c of findCycles(Float64Array.from(rest), times, cadenceMs, true))
    for (let t = 0; t < n; t++)
      rest[t] = (rest[t] as number) - (c.profile[phaseBin(times[t] as number, c.period, c.profile.length)] as number);
  const rho = Math.max(0, acf1([rest]));
  const chance = rho < 1 ? (OVER_CHANCE * (segments + 1) * (1 + rho)) / (n * (1 - rho)) : Infinity;
  const odds = share < 1 ? share / (1 - share) : Infinity;
  return odds >= chance;
}

/** Draws of the table and points of the map (remap). */
const DRAWS = 128;
const MAP_POINTS = 200;

/**
 * The map that gives level + spread × draw the column's own law (Trend.remap): in the trace the
 * wander and the level are one series, in a sample drawn apart, and on a short trace their sum's
 * quantiles blur (danish's 55 quarters). `draw(p)`: the table at probability p; `values`: the
 * column as the trace has it.
 */
export function remapOf(
  level: Level,
  draw: (p: number) => number,
  values: ArrayLike<number>,
): { from: number[]; to: number[] } {
  const n = level.series.length;
  const d = Array.from({ length: DRAWS }, (_, j) => draw((j + 0.5) / DRAWS));
  const { span, spread } = level.trend;
  const t0 = level.times[0] as number;
  const sums = new Float64Array(n * DRAWS);
  for (let t = 0; t < n; t++) {
    const s = spread ? curveAt(spread, span, (level.times[t] as number) - t0) : 1;
    for (let j = 0; j < DRAWS; j++) sums[t * DRAWS + j] = (level.series[t] as number) + s * (d[j] as number);
  }
  sums.sort();
  const sorted = sortedCopy(values);
  const at = (xs: Float64Array, k: number): number => Number(quantileSorted(xs, k / MAP_POINTS).toPrecision(8));
  const from = Array.from({ length: MAP_POINTS + 1 }, (_, k) => at(sums, k));
  const to = Array.from({ length: MAP_POINTS + 1 }, (_, k) => at(sorted, k));
  return { from, to };
}
