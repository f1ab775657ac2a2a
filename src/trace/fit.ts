/**
 * Fits one group (device) of a trace: per numeric column its quantile function and cycles; across
 * the columns a vector AR(1) on the latent scores (Yule-Walker: A = C1 C0⁻¹, innovations
 * C0 - A C0 Aᵀ). The values' lag-1 autocorrelations and pairwise correlations are then matched
 * by simulation: the model is run, compared with the trace and corrected a few times (a
 * copula's latent correlations are not its values' correlations for skewed or 0/1 columns).
 * (Over 300 lines: the fit and its simulation-based correction share the model's state.)
 */
import { gauss } from "../sim/gauss.ts";
import { Random } from "../sim/random.ts";
import type { TraceGroup } from "./columns.ts";
import { findCycles } from "./cycles.ts";
import {
  columnValue,
  cycleScore,
  latentStepper,
  type ColumnModel,
  type Cycle,
  type LatentModel,
} from "../sim/copula/latent.ts";
import {
  cholesky,
  identity,
  inverse,
  multiply,
  nearestPsd,
  stationaryCovariance,
  transpose,
  type Matrix,
} from "../sim/copula/linalg.ts";
import { acf1, lowerQuantile, mean, normalScores, pearson, quantileSorted, sortedCopy, std } from "./stats.ts";

/**
 * Steps of each stored quantile function (probabilities 0, 1/K, ..., 1): every order statistic
 * of short traces, 1,000 steps of long ones, so rare extremes keep their weight (between two
 * stored points the generator interpolates, which spreads a coarse top step's outlier).
 */
export const MAX_QUANTILE_STEPS = 1000;
const ROUNDS = 16;
/** Largest correction of one covariance entry per round. */
const MAX_STEP = 0.2;

export type FittedColumn =
  | { name: string; kind: "trace"; decimals: number; model: ColumnModel }
  | { name: string; kind: "counter"; decimals: number; start: number; step: number }
  | { name: string; kind: "constant"; decimals: number; value: number };

export interface FittedGroup {
  value: string;
  columns: FittedColumn[];
  /** The latent process of the trace columns, in column order. */
  latent: LatentModel;
  /** What the trace shows and the fitted model gives (by simulation). */
  check: { acfTrace: number[]; acfModel: number[]; worstCorrelationGap: number };
}

export interface FitInput {
  names: string[];
  decimals: number[];
  cadenceMs: number;
  seed: number;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const roundTo = (x: number, d: number): number => Number(x.toFixed(Math.min(10, d)));

function counterOf(x: Float64Array): { start: number; step: number } | undefined {
  if (x.length < 3) return undefined;
  const step = (x[1] as number) - (x[0] as number);
  if (step === 0) return undefined;
  for (let i = 2; i < x.length; i++)
    if (Math.abs((x[i] as number) - (x[i - 1] as number) - step) > 1e-9 * Math.max(1, Math.abs(step))) return undefined;
  return { start: x[0] as number, step };
}

/** Columns with at most this many distinct values are written as step functions (exact shares). */
const MAX_STEP_VALUES = 20;

/** The stored quantile function: interpolated points, or for a few-valued column K steps at probabilities (i + ½)/K. */
export function quantilesOf(x: ArrayLike<number>, decimals: number): { quantiles: number[]; steps: boolean } {
  const sorted = sortedCopy(x);
  if (new Set(sorted).size <= MAX_STEP_VALUES) {
    const k = Math.min(MAX_QUANTILE_STEPS, sorted.length);
    return { quantiles: Array.from({ length: k }, (_, i) => lowerQuantile(sorted, (i + 0.5) / k)), steps: true };
  }
  return { quantiles: interpolated(sorted, decimals), steps: false };
}

function interpolated(sorted: Float64Array, decimals: number): number[] {
  const steps = Math.max(1, Math.min(MAX_QUANTILE_STEPS, sorted.length - 1));
  return Array.from({ length: steps + 1 }, (_, i) => roundTo(quantileSorted(sorted, i / steps), decimals + 2));
}

/** Runs the fitted columns for `times.length` events of one device: what the `trace` generator writes. */
export function simulate(
  models: readonly ColumnModel[],
  latent: LatentModel,
  times: ArrayLike<number>,
  seed: number,
): Float64Array[] {
  const r = new Random(seed);
  const holds = new Random(seed + 0x9e37);
  const step = latentStepper(latent, 1, gauss);
  const out = models.map(() => new Float64Array(times.length));
  for (let s = 0; s < times.length; s++) {
    const u = step(0, r);
    models.forEach((m, i) => {
      const x = out[i] as Float64Array;
      x[s] =
        s > 0 && m.hold && holds.next() < m.hold
          ? (x[s - 1] as number)
          : columnValue(m, u[i] as number, times[s] as number);
    });
  }
  return out;
}

/** Lag-0 and lag-1 covariances of the series (k×k): C0 = E[u uᵀ], C1 = E[u_t u_{t-1}ᵀ]. */
function covariances(series: readonly Float64Array[]): { c0: Matrix; c1: Matrix } {
  const k = series.length;
  const n = series[0]?.length ?? 0;
  const centred = series.map((x) => {
    const m = mean(x);
    return x.map((v) => v - m);
  });
  const c0 = new Float64Array(k * k);
  const c1 = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const a = centred[i] as Float64Array;
    for (let j = 0; j < k; j++) {
      const b = centred[j] as Float64Array;
      let s0 = 0;
      let s1 = 0;
      for (let t = 0; t < n; t++) {
        s0 += (a[t] as number) * (b[t] as number);
        if (t > 0) s1 += (a[t] as number) * (b[t - 1] as number);
      }
      c0[i * k + j] = s0 / n;
      c1[i * k + j] = s1 / n;
    }
  }
  return { c0, c1 };
}

/** The VAR(1) with lag-0 covariance c0 and lag-1 covariance c1 (shrunk until it is stable). */
function yuleWalker(c0: Matrix, c1: Matrix, k: number, variance: readonly number[]): LatentModel | undefined {
  const inv = inverse(c0, k) ?? identity(k);
  let a = multiply(c1, inv, k);
  for (let tries = 0; tries < 30; tries++) {
    const floor = 1e-6 * Math.max(1e-9, mean(Array.from({ length: k }, (_, i) => c0[i * k + i] as number)));
    const s = nearestPsd(minus(c0, multiply(multiply(a, c0, k), transpose(a, k), k)), k, floor);
    const l = cholesky(s, k);
    const stationary = stationaryCovariance(a, s, k);
    const bounded = Array.from({ length: k }, (_, i) => stationary[i * k + i] as number).every(
      (v) => Number.isFinite(v) && v < 100,
    );
    if (l && bounded) return rescaled({ k, transition: a, cholesky: l }, stationary, variance);
    a = a.map((x) => x * 0.9);
  }
  return undefined;
}

/**
 * The same process scaled so each component's stationary variance is the latent variance it
 * was fitted for (clipping the innovations to a possible covariance inflates it): u' = D u,
 * A' = D A D⁻¹, L' = D L. Autocorrelations and correlations are unchanged.
 */
function rescaled(m: LatentModel, stationary: Matrix, variance: readonly number[]): LatentModel {
  const { k } = m;
  const d = Array.from({ length: k }, (_, i) => Math.sqrt((variance[i] as number) / (stationary[i * k + i] as number)));
  const transition = m.transition.map((x, at) => (x * (d[Math.floor(at / k)] as number)) / (d[at % k] as number));
  const l = m.cholesky.map((x, at) => x * (d[Math.floor(at / k)] as number));
  return { k, transition, cholesky: l };
}

/**
 * Makes the lag-0 and lag-1 covariances jointly possible after they were corrected one entry at a
 * time: the block matrix [[C0, C1ᵀ], [C1, C0]] of (u_t, u_{t-1}) must be positive semi-definite.
 */
function consistent(c0: Matrix, c1: Matrix, k: number): void {
  const w = 2 * k;
  const m = new Float64Array(w * w);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      m[i * w + j] = m[(i + k) * w + j + k] = c0[i * k + j] as number;
      m[(i + k) * w + j] = c1[i * k + j] as number;
      m[i * w + j + k] = c1[j * k + i] as number;
    }
  }
  const p = nearestPsd(m, w, 1e-5);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      c0[i * k + j] = ((p[i * w + j] as number) + (p[(i + k) * w + j + k] as number)) / 2;
      c1[i * k + j] = p[(i + k) * w + j] as number;
    }
  }
}

/** Value correlations: lag 0 (x_i, x_j) and each column's lag-1 autocorrelation (the diagonal of lag1). */
function correlations(series: readonly Float64Array[]): { lag0: Matrix; lag1: Matrix } {
  const k = series.length;
  const lag0 = new Float64Array(k * k);
  const lag1 = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const a = series[i] as Float64Array;
    for (let j = 0; j < k; j++) {
      const b = series[j] as Float64Array;
      lag0[i * k + j] = i === j ? 1 : j < i ? (lag0[j * k + i] as number) : pearson(a, b);
      if (i === j) lag1[i * k + i] = pearson(a.subarray(1), a.subarray(0, a.length - 1));
    }
  }
  return { lag0, lag1 };
}

function minus(a: Matrix, b: Matrix): Matrix {
  return a.map((x, i) => x - (b[i] as number));
}

export function fitGroup(g: TraceGroup, o: FitInput): FittedGroup {
  const columns: FittedColumn[] = [];
  const models: ColumnModel[] = [];
  const traceSeries: Float64Array[] = [];
  const residuals: Float64Array[] = [];
  g.series.forEach((x, c) => {
    const name = o.names[c] as string;
    const decimals = o.decimals[c] as number;
    if (std(x) === 0) return columns.push({ name, kind: "constant", decimals, value: x[0] as number });
    const counter = counterOf(x);
    if (counter) return columns.push({ name, kind: "counter", decimals, ...counter });
    const scores = normalScores(x);
    const scale = std(scores) || 1;
    const found = g.times ? findCycles(scores, g.times, o.cadenceMs) : [];
    const cycles: Cycle[] = found.map((f) => ({
      period: f.period,
      profile: f.profile.map((v) => roundTo(v / scale, 4)),
    }));
    const periodic = g.times ? Float64Array.from(g.times, (t) => cycleScore(cycles, t)) : new Float64Array(x.length);
    const { quantiles, steps } = quantilesOf(x, decimals);
    const model: ColumnModel = { quantiles, ...(steps ? { steps } : {}), cycles };
    columns.push({ name, kind: "trace", decimals, model });
    models.push(model);
    traceSeries.push(x);
    residuals.push(scores.map((s, i) => s / scale - (periodic[i] as number)));
    return undefined;
  });
  const k = models.length;
  const acfTrace = traceSeries.map((x) => acf1([x]));
  // A 0/1 column's persistence comes from holding its value (fitted below), not from pushing its
  // latent toward a random walk: a latent that slow flickers at the threshold and needs samples
  // far longer than the trace for its share to settle.
  const binary = traceSeries.map((x) => new Set(x).size === 2);
  // The VAR(1) of the latent scores (consistent: from the data), then corrected by simulation
  // until the values' lag-0 and lag-1 correlations are the trace's.
  const { c0, c1 } = covariances(residuals);
  const variance = Array.from({ length: k }, (_, i) => c0[i * k + i] as number);
  const target = correlations(traceSeries);
  // Slow columns need long runs for stable statistics; many columns make each step dear.
  const n = clamp(Math.round(3e6 / Math.max(1, k * k)), 12000, 200000);
  const t0 = g.times?.[0] ?? 0;
  const times = Float64Array.from({ length: n }, (_, i) => t0 + i * o.cadenceMs);
  const fallback: LatentModel = { k, transition: new Float64Array(k * k), cholesky: identity(k) };
  let latent = yuleWalker(c0, c1, k, variance) ?? fallback;
  let best = { latent, gap: Infinity };
  // Corrections accumulate on the unprojected covariances (integral control): the projection
  // that keeps them jointly possible would otherwise undo part of every step.
  const raw0 = Float64Array.from(c0);
  const raw1 = Float64Array.from(c1);
  for (let round = 0; round < ROUNDS && k > 0; round++) {
    const got = correlations(simulate(models, latent, times, o.seed));
    let gap = 0;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        // A value correlation moves about as much as the latent one times the latent parts'
        // share of the variance, which the latent covariance already carries: step by the gap.
        const g0 = (target.lag0[i * k + j] as number) - (got.lag0[i * k + j] as number);
        // Only what compare checks: correlations now, and each column's lag-1 autocorrelation.
        if (i !== j) {
          gap = Math.max(gap, Math.abs(g0));
          raw0[i * k + j] = (raw0[i * k + j] as number) + clamp(g0, -MAX_STEP, MAX_STEP);
        } else {
          const g1 = (target.lag1[i * k + i] as number) - (got.lag1[i * k + i] as number);
          // A 0/1 column's latent only ever slows down here; holding makes up the rest.
          if (binary[i] && g1 > 0) continue;
          gap = Math.max(gap, Math.abs(g1));
          raw1[i * k + i] = clamp(
            (raw1[i * k + i] as number) + clamp(g1, -MAX_STEP, MAX_STEP),
            -0.95 * (variance[i] as number),
            0.9995 * (variance[i] as number),
          );
        }
      }
    }
    if (gap < best.gap) best = { latent, gap };
    if (gap < 0.015) break;
    c0.set(raw0);
    c1.set(raw1);
    consistent(c0, c1, k);
    latent = yuleWalker(c0, c1, k, variance) ?? latent;
  }
  latent = best.latent;
  // Each 0/1 column held with the probability that lifts its lag-1 autocorrelation a (the
  // latent's) to the trace's t: held values repeat, so the held series has about h + (1 - h) a.
  const free = correlations(simulate(models, latent, times, o.seed));
  models.forEach((m, i) => {
    if (!binary[i]) return;
    const a = free.lag1[i * k + i] as number;
    const t = acfTrace[i] as number;
    if (t > a + 0.01) m.hold = roundTo(clamp((t - a) / (1 - a), 0, 0.9999), 4);
  });
  // The check: the fitted model run at the trace's cadence and time of day.
  const sim = simulate(
    models,
    latent,
    Float64Array.from({ length: 30000 }, (_, i) => t0 + i * o.cadenceMs),
    o.seed + 1,
  );
  const acfModel = sim.map((x) => acf1([x]));
  let worst = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++)
      worst = Math.max(
        worst,
        Math.abs(
          pearson(traceSeries[i] as Float64Array, traceSeries[j] as Float64Array) -
            pearson(sim[i] as Float64Array, sim[j] as Float64Array),
        ),
      );
  }
  latent = {
    k,
    transition: latent.transition.map((x) => roundTo(x, 6)),
    cholesky: latent.cholesky.map((x) => roundTo(x, 6)),
  };
  return { value: g.value, columns, latent, check: { acfTrace, acfModel, worstCorrelationGap: worst } };
}
