/**
 * The fitted model of a trace, as the `trace` generator runs it and the fitter simulates it
 * (a Gaussian copula): each column's latent N(0, 1) score is its periodic profile at the event's
 * time (time of day, day of week, time of year) plus one component of a vector AR(1) process
 * u_t = A u_{t-1} + L e_t shared by the columns, mapped through the column's empirical quantile
 * function, so the marginal is the trace's own.
 * (Over 300 lines: the model's shape, its stepper and its value function are read by both the
 * generator and the fitter; the lookup index and the episode paths have files of their own.)
 */
import { cholesky, identity, nearestPsd, stationaryCovariance, type Matrix } from "./linalg.ts";
import { normCdf } from "./normal.ts";
import { pointBelow } from "./probability-index.ts";
import type { Trend } from "./trend.ts";

export const PERIODS = ["daily", "weekly", "yearly"] as const;
export type Period = (typeof PERIODS)[number];

const DAY_MS = 86_400_000;
export const PERIOD_MS: Readonly<Record<Period, number>> = {
  daily: DAY_MS,
  weekly: 7 * DAY_MS,
  yearly: 365.2425 * DAY_MS,
};
/** 1970-01-01 was a Thursday: shifting by 3 days puts Monday 00:00 UTC at phase 0 of the week. */
const OFFSET_MS: Readonly<Record<Period, number>> = { daily: 0, weekly: 3 * DAY_MS, yearly: 0 };
/** Profile bins: hours of the day, days of the week, weeks of the year. */
export const PERIOD_BINS: Readonly<Record<Period, number>> = { daily: 24, weekly: 7, yearly: 52 };

/**
 * Bin of epoch ms `t` in a cycle of `bins` bins (UTC). In whole milliseconds: a row stamped
 * exactly at midnight must fall in its own day's bin, not (by rounding) in the day before.
 */
export function phaseBin(t: number, period: Period, bins: number): number {
  const length = PERIOD_MS[period];
  let r = (Math.round(t) + OFFSET_MS[period]) % length;
  if (r < 0) r += length;
  return Math.min(bins - 1, Math.floor((r * bins) / length));
}

export interface Cycle {
  period: Period;
  /** Mean latent score per bin. */
  profile: ArrayLike<number>;
}

export interface ColumnModel {
  /** The quantile function at probabilities 0, 1/K, ..., 1; with `steps`, K values each taken with probability 1/K. */
  quantiles: ArrayLike<number>;
  /**
   * The probability of each stored quantile when they are not evenly spaced (0 first, 1 last):
   * a long trace keeps its extreme order statistics one by one, so a lone outlier is not spread
   * over a wide top step.
   */
  probabilities?: ArrayLike<number>;
  /** probabilityIndex(probabilities), when the model is compiled to run many events. */
  index?: Uint16Array;
  /** A step function (a column of few values: no value between two of them is ever written). */
  steps?: boolean;
  cycles: readonly Cycle[];
  /** The level the values rise or fall by across the trace, replayed over its span (trend.ts): added to each value. */
  trend?: Trend;
  /**
   * Probability that an event keeps the device's previous value of the column (a state's
   * persistence: a 0/1 column read off a smooth latent flickers at its threshold; held, it
   * switches like a two-state chain, its share unchanged).
   */
  hold?: number;
  /**
   * The column's marginal given a two-valued state column of the kind (a reading that steps with
   * a door, an activity flag): above `above` the state's value selects this quantile function.
   */
  given?: GivenModel;
  /**
   * Probabilities [low, high] bounding the tails of the table (its extremes stored one by one):
   * a draw below low or above high takes the next point of an even sequence over that tail
   * instead of its own place, so a sample meets each extreme at the trace's rate, not a Poisson
   * count of it (a lone outlier holding most of a column's variance: its std is its count's).
   */
  tails?: readonly [number, number];
  /**
   * A held 0/1 state the column's latent score steps with: while the state's value is above
   * `above`, `by` is added to the score (the table is composed with that mixture, so the
   * marginal stays the trace's). A held state's value was drawn rows ago, so a copula
   * correlation with its latent barely reaches the value; the step reads the value itself.
   */
  shift?: ShiftModel;
  /**
   * A two-valued state seen in so few episodes that they are spaced evenly: the upper value
   * (the table's top) for `length` events in every `every`, from a random phase per device, the
   * lower value otherwise; the latent is not read (src/trace/episodes.ts).
   */
  episodes?: { every: number; length: number };
  /**
   * The column's values through a scheduled state's episodes (src/sim/episode-path.ts): k events
   * after the state switched on, `values[min(k, last)]`; the quantiles are then the rows outside.
   */
  path?: { column: number; above: number; values: ArrayLike<number> };
}

/** A latent step by a held state: +`by` while the state column's value is above `above`. */
export interface ShiftModel {
  column: number;
  above: number;
  by: number;
  /** The step's memory: each row adds decay × the last row's step (a kick a slow reading keeps). */
  decay?: number;
}

/** The second quantile function of a column conditioned on a state: used while the state's value is above `above`. */
export interface GivenModel {
  /** The state column's index among the kind's trace columns. */
  column: number;
  above: number;
  quantiles: ArrayLike<number>;
  probabilities?: ArrayLike<number>;
  index?: Uint16Array;
  steps?: boolean;
}

/** The shared latent process of a kind's columns: u_t = A u_{t-1} + L e_t. */
export interface LatentModel {
  k: number;
  /** A, row-major k×k. */
  transition: Matrix;
  /** L, lower-triangular row-major k×k. */
  cholesky: Matrix;
}

/** Bin counts a period's memo slots cover (a profile has at most 52 bins). */
const MEMO_BINS = 64;
const lastTime = new Float64Array(PERIODS.length * MEMO_BINS).fill(NaN);
const lastBin = new Int32Array(PERIODS.length * MEMO_BINS);

/**
 * phaseBin, remembering the last time per period and bin count: every column of an event asks
 * for the same time, and the remainder of a ~1e12 ms time by a period costs more than the rest
 * of the column's cycle score (a pure cache: the same bins as phaseBin).
 */
export function phaseBinAt(t: number, period: Period, bins: number): number {
  if (bins >= MEMO_BINS) return phaseBin(t, period, bins);
  const slot = (period === "daily" ? 0 : period === "weekly" ? MEMO_BINS : 2 * MEMO_BINS) + bins;
  if (lastTime[slot] === t) return lastBin[slot] as number;
  const bin = phaseBin(t, period, bins);
  // A time of ±Infinity has no bin (NaN): not kept, as an Int32Array would keep 0.
  if (bin === bin) {
    lastTime[slot] = t;
    lastBin[slot] = bin;
  }
  return bin;
}

/** The periodic part of the latent score at time t. */
export function cycleScore(cycles: readonly Cycle[], t: number): number {
  let s = 0;
  for (const c of cycles) s += c.profile[phaseBinAt(t, c.period, c.profile.length)] as number;
  return s;
}

/** The quantile function at probability u, linear between the stored points. */
export function quantileAt(q: ArrayLike<number>, u: number): number {
  const k = q.length - 1;
  if (k === 0) return q[0] as number;
  const x = Math.min(k, Math.max(0, u * k));
  const i = Math.min(k - 1, Math.floor(x));
  return (q[i] as number) + (x - i) * ((q[i + 1] as number) - (q[i] as number));
}

/**
 * The quantile function at probability u, linear between stored points at probabilities p
 * (ascending, 0 to 1). With `index` (probabilityIndex of p) the points around u are found in a
 * step or two: a binary search over 1,001 points is most of a fitted column's cost per event.
 */
export function quantileAtProbabilities(
  q: ArrayLike<number>,
  p: ArrayLike<number>,
  u: number,
  index?: Uint16Array,
): number {
  let lo = 0;
  let hi = p.length - 1;
  if (index && u >= 0 && u < 1) {
    lo = pointBelow(p, index, u);
    hi = lo + 1;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((p[mid] as number) <= u) lo = mid;
    else hi = mid;
  }
  const width = (p[hi] as number) - (p[lo] as number);
  const x = width > 0 ? Math.min(1, Math.max(0, (u - (p[lo] as number)) / width)) : 0;
  return (q[lo] as number) + x * ((q[hi] as number) - (q[lo] as number));
}

/** Index of the first of the rising `p` above `x` (p.length when none). */
function firstAbove(p: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = p.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((p[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Where a column's tail counters start: a place of its own far along the sequence (the golden
 * ratio's multiple of its component), so columns whose tails are built alike (the same count of
 * points, a lone outlier at the same index) do not meet their outliers at the same counts:
 * Chicago's 26.92 and 406.2 came in one row when the counters started at 0, or at the component.
 */
export function tailStart(component: number): number {
  return Math.floor(((component * 0.6180339887498949) % 1) * 1_048_576);
}

/**
 * The stride of the tail sequence through a tail's `count` points: prime to count, so each point
 * comes exactly once in `count` visits (a lone outlier's draws are the visits' share of it, not
 * 3 to 5 of them as a golden-ratio sequence's uneven gaps gave), and about 0.38 of the tail
 * from the last, so consecutive visits land far apart.
 */
function strideOf(count: number): number {
  let s = STRIDES[count];
  if (s === undefined) {
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    s = Math.max(1, Math.round(count * 0.381966));
    while (gcd(s, count) !== 1) s++;
    STRIDES[count] = s;
  }
  return s;
}

/** Strides by tail size, found once: every draw in a tail asks for one (a fleet has a few sizes). */
const STRIDES: number[] = [];

/**
 * The value of a column whose latent component is `u` at time t; `state` is the value of its
 * `given` column. With `visits` (two counters per device, `at` the device's), a draw in a tail
 * is spread evenly over it (`tails`).
 */
export function columnValue(
  m: ColumnModel,
  u: number,
  t: number,
  state = -Infinity,
  visits?: Float64Array,
  at = 0,
): number {
  const p = normCdf(cycleScore(m.cycles, t) + u);
  const tails = m.tails;
  const probabilities = m.probabilities;
  if (tails && probabilities && visits && !(m.given && state > m.given.above)) {
    const [low, high] = tails;
    const side = p < low ? 0 : p > high ? 1 : -1;
    if (side >= 0) {
      const k = (visits[2 * at + side] as number) + 1;
      visits[2 * at + side] = k;
      // The tail's stored points (each extreme a flat step of two) taken evenly, by index.
      const edge = firstAbove(probabilities, side === 0 ? low : high - 1e-12);
      const [from, count] = side === 0 ? [0, edge] : [edge, probabilities.length - edge];
      if (count > 0) return m.quantiles[from + ((k * strideOf(count)) % count)] as number;
    }
  }
  return m.given && state > m.given.above ? marginalAt(m.given, p) : marginalAt(m, p);
}

/** A stored quantile function (steps, uneven or even points) at probability p. */
export function marginalAt(m: Omit<GivenModel, "column" | "above">, p: number): number {
  if (m.steps) return stepAt(m.quantiles, p);
  return m.probabilities
    ? quantileAtProbabilities(m.quantiles, m.probabilities, p, m.index)
    : quantileAt(m.quantiles, p);
}

/** The step quantile function: value i of K for probabilities in [i/K, (i+1)/K). */
export function stepAt(q: ArrayLike<number>, u: number): number {
  return q[Math.min(q.length - 1, Math.max(0, Math.floor(u * q.length)))] as number;
}

/** L·w for a lower-triangular row-major L. */
function lowerTimes(l: Matrix, k: number, w: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j <= i; j++) s += (l[i * k + j] as number) * (w[j] as number);
    out[i] = s;
  }
}

/**
 * A stepper of one latent model over many devices: `step(device, r)` advances that device's
 * state (a stationary draw on its first event) and returns it; `draw(r)` gives N(0, 1) numbers.
 */
export function latentStepper<R>(
  m: LatentModel,
  devices: number,
  draw: (r: R) => number,
): (device: number, r: R) => Float64Array {
  const { transition: a, cholesky: l } = m;
  // A k worked out with Math.sqrt (a YAML triangle's size) is a double even when whole: JSC then
  // indexes the typed arrays with doubles, ~20× slower per step (Chicago's 49 columns: 79 µs, 3.6 µs as an int).
  const k = m.k | 0;
  const start = cholesky(nearestPsd(stationaryCovariance(a, multiplyLower(l, k), k), k, 1e-9), k) ?? identity(k);
  const states = new Float64Array(devices * k).fill(NaN);
  const w = new Float64Array(k);
  const e = new Float64Array(k);
  const u = new Float64Array(k);
  return (device, r) => {
    const base = device * k;
    for (let i = 0; i < k; i++) w[i] = draw(r);
    if (states[base] !== states[base]) {
      lowerTimes(start, k, w, u);
    } else {
      lowerTimes(l, k, w, e);
      for (let i = 0; i < k; i++) {
        let s = e[i] as number;
        for (let j = 0; j < k; j++) s += (a[i * k + j] as number) * (states[base + j] as number);
        u[i] = s;
      }
    }
    for (let i = 0; i < k; i++) states[base + i] = u[i] as number;
    return u;
  };
}

/** L Lᵀ. */
function multiplyLower(l: Matrix, k: number): Matrix {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let e = 0; e <= Math.min(i, j); e++) s += (l[i * k + e] as number) * (l[j * k + e] as number);
      out[i * k + j] = s;
    }
  }
  return out;
}
