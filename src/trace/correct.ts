/**
 * The latent process of a fitted group corrected by simulation: run the model, compare its values'
 * correlations and lag-1 autocorrelations with the trace's, step the latent covariances (and the
 * held states' holds, the stepped readings' steps) by the gaps, keep the best round. A stepped
 * reading's tables are composed each round with its score's simulated law (score-law.ts).
 */
import type { ColumnModel, LatentModel } from "../sim/copula/latent.ts";
import type { Matrix } from "../sim/copula/linalg.ts";
import { clamp, roundTo } from "./marginal.ts";
import { correlations, simulate } from "./simulate.ts";
import { diagonalVar } from "./var-model.ts";
import { factorVar } from "./factor-var.ts";
import { recompose, restore, snapshot, stepPair, tuneStep, type SteppedColumn } from "./score-law.ts";

const ROUNDS = 16;
/**
 * The slowest latent memory. A series slower than this has a mean that wanders for tens of
 * thousands of rows (its effective sample size is n (1 − φ)/(1 + φ)): no sample of a length
 * `surge init` suggests would hold a slow trace's mean within compare's 0.1 std. At 0.98 the
 * values' lag-1 autocorrelation stays within compare's 0.05 of any slower trace's, and a
 * 50,000-row sample's mean is within about 0.05 std.
 */
export const MAX_MEMORY = 0.98;
/** Largest correction of one covariance entry per round. */
const MAX_STEP = 0.2;

export interface Correction {
  models: ColumnModel[];
  binary: boolean[];
  target: { lag0: Matrix; lag1: Matrix };
  /** The latent covariances, corrected in place round by round. */
  c0: Matrix;
  c1: Matrix;
  variance: number[];
  times: Float64Array;
  seed: number;
  /** Readings that step with a state (shift): their tables and steps are tuned each round (score-law.ts). */
  stepped?: readonly SteppedColumn[];
  /** The latent as independent factors (factor-var.ts), not one memory per column (var-model.ts). */
  factor?: boolean;
}

/**
 * The latent process corrected by simulation until the values' correlations and lag-1
 * autocorrelations are the trace's; the best round's. `heldFixed`: the 0/1 columns' memories
 * are left as they are (their holds were fitted to them).
 */
export function correct(f: Correction, heldFixed: boolean): LatentModel {
  const { models, binary, target, c0, c1, variance, times } = f;
  const stepped = f.stepped ?? [];
  const k = models.length;
  const memory = (): number[] =>
    Array.from({ length: k }, (_, i) => clamp((c1[i * k + i] as number) / (variance[i] as number), -0.95, MAX_MEMORY));
  const fitted = (): LatentModel =>
    f.factor ? factorVar(c0, memory(), k, variance, -0.95, MAX_MEMORY) : diagonalVar(c0, memory(), k, variance);
  let latent = fitted();
  const holds = (): (number | undefined)[] => models.map((m) => m.hold);
  // Once holds are tuned, a correlation is weighed as compare does (its tolerance 0.1, twice an
  // autocorrelation's 0.05): holding a state moves its correlations, and the round with the
  // smallest raw gap was the first, whose autocorrelations were off by 0.1.
  const pairWeight = heldFixed ? 0.5 : 1;
  let best = {
    latent,
    gap: Infinity,
    c0: Float64Array.from(c0),
    c1: Float64Array.from(c1),
    holds: holds(),
    tables: snapshot(models, stepped),
  };
  // Corrections accumulate on the unprojected covariances (integral control): the projection
  // that keeps them jointly possible would otherwise undo part of every step.
  const raw0 = Float64Array.from(c0);
  const raw1 = Float64Array.from(c1);
  for (let round = 0; round < ROUNDS && k > 0; round++) {
    const scores = stepped.length > 0 ? models.map(() => new Float64Array(times.length)) : undefined;
    const sim = simulate(models, latent, times, f.seed, scores);
    if (scores) recompose(models, stepped, scores, sim, times);
    const got = correlations(sim);
    const tables = snapshot(models, stepped);
    const tried = holds();
    let gap = 0;
    for (let i = 0; i < k; i++) {
      // A scheduled state reads no latent: its gaps are the readings' steps' (shift), not ours.
      if (models[i]?.episodes) continue;
      for (let j = 0; j < k; j++) {
        if (models[j]?.episodes) continue;
        // A value correlation moves about as much as the latent one times the latent parts'
        // share of the variance, which the latent covariance already carries: step by the gap.
        const g0 = (target.lag0[i * k + j] as number) - (got.lag0[i * k + j] as number);
        // Only what compare checks: correlations now, and each column's lag-1 autocorrelation.
        if (i !== j) {
          gap = Math.max(gap, Math.abs(g0) * pairWeight);
          // A stepped reading and its state: the step is tuned too (score-law.ts).
          const reading = stepPair(models, stepped, i, j);
          if (reading) tuneStep(models, reading, g0, sim[j] as Float64Array, scores?.[i] as Float64Array);
          raw0[i * k + j] = (raw0[i * k + j] as number) + clamp(g0, -MAX_STEP, MAX_STEP);
        } else {
          const g1 = (target.lag1[i * k + i] as number) - (got.lag1[i * k + i] as number);
          // A 0/1 column's latent only ever slows down here; holding makes up the rest. Once
          // held, its memory stays and its hold is tuned: the held series has about
          // h + (1 − h) a, so a step dh moves it by dh (1 − got) / (1 − h).
          const m = models[i] as ColumnModel;
          if (binary[i] && heldFixed && m.hold) {
            gap = Math.max(gap, Math.abs(g1));
            const slope = (1 - (got.lag1[i * k + i] as number)) / (1 - m.hold) || 1;
            m.hold = roundTo(clamp(m.hold + clamp(g1 / slope, -0.1, 0.1), 0, 0.9999), 4);
            continue;
          }
          if (binary[i] && (heldFixed || g1 > 0)) continue;
          gap = Math.max(gap, Math.abs(g1));
          raw1[i * k + i] = clamp(
            (raw1[i * k + i] as number) + clamp(g1, -MAX_STEP, MAX_STEP),
            -0.95 * (variance[i] as number),
            MAX_MEMORY * (variance[i] as number),
          );
        }
      }
    }
    if (gap < best.gap)
      best = { latent, gap, c0: Float64Array.from(c0), c1: Float64Array.from(c1), holds: tried, tables };
    if (gap < 0.015) break;
    c0.set(raw0);
    c1.set(raw1);
    latent = fitted();
  }
  // A later correction starts from the best round.
  c0.set(best.c0);
  c1.set(best.c1);
  restore(models, stepped, best.tables);
  models.forEach((m, i) => {
    const h = best.holds[i];
    if (h === undefined) delete m.hold;
    else m.hold = h;
  });
  return best.latent;
}
