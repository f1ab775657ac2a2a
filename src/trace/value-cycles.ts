/**
 * A reading's cycles on the scale its profile is read on: compare's profile is the mean value
 * per bin, and the value is Q(Φ(c + u)), not linear in the score c. A bin whose mean score is
 * pulled down by a few extreme rows (a holiday's Sunday-like ridership in a week of workdays)
 * falls further in value than the same mean shift spread over all its rows, so a profile of mean
 * scores, mapped through a skewed or two-humped table, came out with other bins' proportions
 * (Chicago's stations: the model's long-run yearly profile correlated 0.93 with the trace's).
 * The profiles are set (by Newton steps, period by period, as binary-cycles.ts does for a
 * flag's share) so that each bin's mean value over the trace's own rows is the trace's, and the
 * table is composed again with the new cycles' law (cycle-marginal.ts), a few rounds.
 */
import { marginalAt, phaseBin, type ColumnModel, type Cycle } from "../sim/copula/latent.ts";
import { binMeans } from "./cycles.ts";
import { undoCycleMix, Z_MAX, Z_STEP, type Table } from "./cycle-marginal.ts";
import { clamp, roundTo } from "./marginal.ts";
import { normCdf, normPdf } from "./stats.ts";
import { clipped, tailBounds, type Bounds } from "./tails.ts";

/** Rounds of (calibrate, compose), and Newton passes over the periods per round. */
const ROUNDS = 3;
const PASSES = 8;
/** Largest move of one bin's score per pass (in σ), and the furthest a bin may sit from 0. */
const MAX_STEP = 0.5;
const MAX_REACH = 4;
/** The residual's normal law is cut at this many σ. */
const U_REACH = 5;

/**
 * E[clip(Q(Φ(z + u)))], u ~ N(0, σ²), on the grid z = −Z_MAX, −Z_MAX + Z_STEP, ..., Z_MAX: the
 * mean value a row whose cycles sum to z has. A convolution on the grid itself: a table of few
 * values is a staircase, and the sum over a coarser grid of u had flat stretches whose slope sent
 * Newton's steps far past their targets.
 */
export function meanCurve(table: Table, sigma: number, [lo, hi]: Bounds): Float64Array {
  const reach = Math.ceil((U_REACH * sigma) / Z_STEP);
  const count = Math.round((2 * Z_MAX) / Z_STEP) + 1;
  const f = Float64Array.from({ length: count + 2 * reach }, (_, i) =>
    clamp(marginalAt(table, normCdf(-Z_MAX + (i - reach) * Z_STEP)), lo, hi),
  );
  const kernel = Float64Array.from({ length: 2 * reach + 1 }, (_, k) => normPdf(((k - reach) * Z_STEP) / sigma));
  const total = kernel.reduce((a, b) => a + b, 0);
  return Float64Array.from({ length: count }, (_, j) => {
    let s = 0;
    for (let k = 0; k < kernel.length; k++) s += (kernel[k] as number) * (f[j + k] as number);
    return s / total;
  });
}

/** The curve and its slope at z (linear between grid points). */
function curveAt(curve: Float64Array, z: number): [number, number] {
  const x = clamp((z + Z_MAX) / Z_STEP, 0, curve.length - 1);
  const i = Math.min(curve.length - 2, Math.floor(x));
  const [a, b] = [curve[i] as number, curve[i + 1] as number];
  return [a + (x - i) * (b - a), (b - a) / Z_STEP];
}

/**
 * Sets the profiles of `cycles` (those not `fixed`: a smooth harmonic profile stays smooth) in
 * place, and composes `model`'s table with their law. `x`: the trace's values at `times`;
 * `sigma`: the spread of the latent residual around the cycles. The table passed in is the
 * column's own (uncomposed) one.
 */
export function fitValueCycles(
  model: ColumnModel,
  cycles: readonly Cycle[],
  fixed: readonly boolean[],
  x: ArrayLike<number>,
  times: ArrayLike<number>,
  sigma: number,
): void {
  const n = x.length;
  const own = tableOf(model);
  const compose = (): void => {
    delete model.probabilities;
    delete model.tails;
    Object.assign(model, tableOf(own));
    undoCycleMix(model, periodicAt(cycles, bins, n), sigma);
  };
  const bins = cycles.map((c) =>
    Int32Array.from({ length: n }, (_, i) => phaseBin(times[i] as number, c.period, c.profile.length)),
  );
  if (!(sigma > 0) || n === 0 || fixed.every(Boolean)) return compose();
  const bounds = tailBounds(x);
  const y = clipped(x, bounds);
  const targets = cycles.map((c) => binMeans(y, times, c.period));
  for (let round = 0; round < ROUNDS; round++) {
    compose();
    const curve = meanCurve(model, sigma, bounds);
    for (let pass = 0; pass < PASSES; pass++)
      cycles.forEach((c, k) => {
        if (!fixed[k])
          newtonStep(c, bins[k] as Int32Array, targets[k] as Float64Array, periodicAt(cycles, bins, n), curve, sigma);
      });
    for (const c of cycles) c.profile = Array.from(c.profile, (v) => roundTo(v, 4));
  }
  compose();
}

/** A copy of the table's own fields (composing rewrites them). */
function tableOf(t: Table): Table {
  return {
    quantiles: Array.from(t.quantiles),
    ...(t.probabilities ? { probabilities: Array.from(t.probabilities) } : {}),
    ...(t.steps ? { steps: true } : {}),
    ...(t.tails ? { tails: [...t.tails] as [number, number] } : {}),
  };
}

/** Each row's cycle score. */
function periodicAt(cycles: readonly Cycle[], bins: readonly Int32Array[], n: number): Float64Array {
  const score = new Float64Array(n);
  cycles.forEach((c, k) => {
    const b = bins[k] as Int32Array;
    for (let i = 0; i < n; i++) score[i] = (score[i] as number) + (c.profile[b[i] as number] as number);
  });
  return score;
}

/** One Newton step of each bin of cycle `c` toward its target mean value. */
function newtonStep(
  c: Cycle,
  bin: Int32Array,
  target: Float64Array,
  score: Float64Array,
  curve: Float64Array,
  sigma: number,
): void {
  const m = c.profile.length;
  const model = new Float64Array(m);
  const slope = new Float64Array(m);
  const count = new Float64Array(m);
  bin.forEach((j, i) => {
    const [v, d] = curveAt(curve, score[i] as number);
    model[j] = (model[j] as number) + v;
    slope[j] = (slope[j] as number) + d;
    count[j] = (count[j] as number) + 1;
  });
  const profile = c.profile as Float64Array | number[];
  for (let j = 0; j < m; j++) {
    const nj = count[j] as number;
    if (nj === 0 || !Number.isFinite(target[j])) continue;
    const gap = (target[j] as number) - (model[j] as number) / nj;
    const step = gap / Math.max((slope[j] as number) / nj, 1e-9);
    profile[j] = clamp(
      (profile[j] as number) + clamp(step, -MAX_STEP * sigma, MAX_STEP * sigma),
      -MAX_REACH,
      MAX_REACH,
    );
  }
}
