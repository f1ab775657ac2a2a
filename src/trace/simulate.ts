/** The fitted columns run as the `trace` generator runs them, and the value correlations the fitter matches. */
import { gauss } from "../sim/gauss.ts";
import { Random } from "../sim/random.ts";
import { columnValue, latentStepper, tailStart, type ColumnModel, type LatentModel } from "../sim/copula/latent.ts";
import type { Matrix } from "../sim/copula/linalg.ts";
import { acf1, pearson } from "./stats.ts";
import { pathValue } from "../sim/episode-path.ts";
import { onTrend } from "../sim/copula/trend.ts";

/**
 * Runs the fitted columns for `times.length` events of one device: what the `trace` generator
 * writes. `scores`, when given, receives each column's latent score before its cycle (u + step).
 */
export function simulate(
  models: readonly ColumnModel[],
  latent: LatentModel,
  times: ArrayLike<number>,
  seed: number,
  scores?: readonly Float64Array[],
): Float64Array[] {
  const r = new Random(seed);
  const holds = new Random(seed + 0x9e37);
  const step = latentStepper(latent, 1, gauss);
  const out = models.map(() => new Float64Array(times.length));
  // Counted from the column's own start, as the generator counts (latent.ts tailStart).
  const visits = models.map((_, i) => new Float64Array(2).fill(tailStart(i)));
  const kicks = new Float64Array(models.length);
  // Per column, the state's last value and the events since it switched on (episode-path.ts).
  const paths = models.map(() => Float64Array.of(NaN, NaN));
  // A scheduled state's phase: its own stream, so other models' draws stay as they were.
  const phases = new Random(seed + 0x5eed);
  const at = models.map((m) => (m.episodes ? Math.floor(phases.next() * m.episodes.every) : 0));
  // Columns conditioned on a state come after the states (a state is never itself conditioned).
  const reads = (m: ColumnModel | undefined): number => Number(!!m?.given || !!m?.shift || !!m?.path);
  const order = models.map((_, i) => i).sort((a, b) => reads(models[a]) - reads(models[b]));
  for (let s = 0; s < times.length; s++) {
    const u = step(0, r);
    for (const i of order) {
      const m = models[i] as ColumnModel;
      const x = out[i] as Float64Array;
      const state = m.given ? ((out[m.given.column] as Float64Array)[s] as number) : -Infinity;
      const kick = m.shift && ((out[m.shift.column] as Float64Array)[s] as number) > m.shift.above ? m.shift.by : 0;
      const shift = (kicks[i] = (m.shift?.decay ?? 0) * (kicks[i] as number) + kick);
      if (m.episodes) {
        const on = (s + (at[i] as number)) % m.episodes.every < m.episodes.length;
        x[s] = m.quantiles[on ? m.quantiles.length - 1 : 0] as number;
        continue;
      }
      const path = m.path
        ? pathValue(m.path, paths[i] as Float64Array, 0, (out[m.path.column] as Float64Array)[s] as number)
        : NaN;
      const z = (u[i] as number) + shift;
      if (scores) (scores[i] as Float64Array)[s] = z;
      x[s] =
        path === path
          ? path
          : s > 0 && m.hold && holds.next() < m.hold
            ? (x[s - 1] as number)
            : levelOf(m, columnValue(m, z, times[s] as number, state, visits[i]), times, s);
    }
  }
  return out;
}

/** A trended column's `draw` set on its trend at event s (the run's first event starts the trend's span). */
export function levelOf(m: ColumnModel, draw: number, times: ArrayLike<number>, s: number): number {
  return m.trend ? onTrend(m.trend, draw, (times[s] as number) - (times[0] as number)) : draw;
}

/** Value correlations: lag 0 (x_i, x_j) and each column's lag-1 autocorrelation (the diagonal of lag1), as compare has them. */
export function correlations(series: readonly Float64Array[]): { lag0: Matrix; lag1: Matrix } {
  const k = series.length;
  const lag0 = new Float64Array(k * k);
  const lag1 = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const a = series[i] as Float64Array;
    for (let j = 0; j < k; j++) {
      const b = series[j] as Float64Array;
      lag0[i * k + j] = i === j ? 1 : j < i ? (lag0[j * k + i] as number) : pearson(a, b);
      // compare's estimator (one mean, the whole variance): on a short trending trace a Pearson
      // of the shifted halves says 0.98 where compare says 0.91 (copper's INCOMEINDEX, 25 rows).
      if (i === j) lag1[i * k + i] = acf1([a]);
    }
  }
  return { lag0, lag1 };
}
