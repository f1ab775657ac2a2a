/**
 * Fits one group (device) of a trace: per numeric column its quantile function and cycles; across
 * the columns a vector AR(1) on the latent scores (var-model.ts). The values' lag-1
 * autocorrelations and pairwise correlations are then matched by simulation: the model is run,
 * compared with the trace and corrected a few times (a copula's latent correlations are not its
 * values' correlations for skewed or 0/1 columns).
 */
import type { TraceGroup } from "./columns.ts";
import { findCycles } from "./cycles.ts";
import { cycleScore, type ColumnModel, type Cycle, type LatentModel } from "../sim/copula/latent.ts";
import { clamp, counterOf, quantilesOf, roundTo } from "./marginal.ts";
import { correlations, simulate } from "./simulate.ts";
import { covariances, diagonalVar } from "./var-model.ts";
import { acf1, normalScores, pearson, std } from "./stats.ts";

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
    const found = g.times ? findCycles(scores, g.times, o.cadenceMs, true) : [];
    const cycles: Cycle[] = found.map((f) => ({
      period: f.period,
      profile: f.profile.map((v) => roundTo(v / scale, 4)),
    }));
    const periodic = g.times ? Float64Array.from(g.times, (t) => cycleScore(cycles, t)) : new Float64Array(x.length);
    const { quantiles, steps, probabilities } = quantilesOf(x, decimals);
    const model: ColumnModel = {
      quantiles,
      ...(probabilities ? { probabilities } : {}),
      ...(steps ? { steps } : {}),
      cycles,
    };
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
  const memory = (): number[] =>
    Array.from({ length: k }, (_, i) => clamp((c1[i * k + i] as number) / (variance[i] as number), -0.95, 0.9995));
  let latent = diagonalVar(c0, memory(), k, variance);
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
    latent = diagonalVar(c0, memory(), k, variance);
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
