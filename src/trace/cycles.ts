/**
 * Periodic cycles found in a trace, not assumed: for each candidate period the trace's time span
 * and cadence allow (a day, a week, a year), the mean per phase bin must explain a share of the
 * variance and come out alike in the trace's first and second halves (split-half agreement).
 */
import { PERIOD_BINS, PERIOD_MS, PERIODS, phaseBin, type Period } from "../sim/copula/latent.ts";
import { pearson } from "./stats.ts";

/** Variance share the profile must explain, and the agreement its halves must show. */
export const MIN_EXPLAINED = 0.03;
export const MIN_SPLIT_AGREEMENT = 0.7;

/** Periods a trace spanning `spanMs` at `cadenceMs` can show: at least 4 cycles, several samples per bin. */
export function candidatePeriods(spanMs: number, cadenceMs: number): Period[] {
  return PERIODS.filter((p) => spanMs >= 4 * PERIOD_MS[p] && cadenceMs <= PERIOD_MS[p] / PERIOD_BINS[p]).reverse();
}

/** Mean of `values` per phase bin (NaN for empty bins). */
export function binMeans(
  values: ArrayLike<number>,
  times: ArrayLike<number>,
  period: Period,
  from = 0,
  to = values.length,
): Float64Array {
  const bins = PERIOD_BINS[period];
  const sum = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let i = from; i < to; i++) {
    const b = phaseBin(times[i] as number, period, bins);
    sum[b] = (sum[b] as number) + (values[i] as number);
    count[b] = (count[b] as number) + 1;
  }
  return sum.map((s, b) => ((count[b] as number) > 0 ? s / (count[b] as number) : NaN));
}

/** Pearson correlation over the bins both profiles have. */
export function profileCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      xs.push(a[i] as number);
      ys.push(b[i] as number);
    }
  }
  return xs.length < 3 ? NaN : pearson(xs, ys);
}

export interface FoundCycle {
  period: Period;
  /** Mean of the values per bin (empty bins 0). */
  profile: Float64Array;
  explained: number;
  agreement: number;
}

/**
 * Cycles of one series (in time order), slowest first, each fitted to what the slower ones
 * leave. `values` should be normal scores, so a skewed column is judged by its ranks.
 */
export function findCycles(values: ArrayLike<number>, times: ArrayLike<number>, cadenceMs: number): FoundCycle[] {
  const n = values.length;
  if (n < 8) return [];
  const span = (times[n - 1] as number) - (times[0] as number);
  const residual = Float64Array.from(values);
  const found: FoundCycle[] = [];
  for (const period of candidatePeriods(span, cadenceMs)) {
    const profile = binMeans(residual, times, period).map((x) => (Number.isFinite(x) ? x : 0));
    const half = Math.floor(n / 2);
    const agreement = profileCorrelation(
      binMeans(residual, times, period, 0, half),
      binMeans(residual, times, period, half, n),
    );
    let total = 0;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += residual[i] as number;
    mean /= n;
    let explainedSum = 0;
    for (let i = 0; i < n; i++) {
      total += ((residual[i] as number) - mean) ** 2;
      explainedSum += ((profile[phaseBin(times[i] as number, period, profile.length)] as number) - mean) ** 2;
    }
    const explained = total > 0 ? explainedSum / total : 0;
    if (!(explained >= MIN_EXPLAINED && agreement >= MIN_SPLIT_AGREEMENT)) continue;
    for (let i = 0; i < n; i++)
      residual[i] = (residual[i] as number) - (profile[phaseBin(times[i] as number, period, profile.length)] as number);
    found.push({ period, profile, explained, agreement });
  }
  return found;
}
