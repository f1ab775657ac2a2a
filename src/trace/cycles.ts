/**
 * Periodic cycles found in a trace, not assumed: for each candidate period the trace's time span
 * and cadence allow (a day, a week, a year), the mean per phase bin must explain a share of the
 * variance and come out alike in the trace's first and second halves (split-half agreement).
 */
import { PERIOD_BINS, PERIOD_MS, PERIODS, phaseBin, type Period } from "../sim/copula/latent.ts";
import { harmonicParameters, harmonicProfile } from "./harmonics.ts";
import { acf1, pearson } from "./stats.ts";

/** Variance share the profile must explain, and the agreement its halves must show. */
export const MIN_EXPLAINED = 0.03;
export const MIN_SPLIT_AGREEMENT = 0.7;
/**
 * A weak cycle (the fitter's second look, with a smooth harmonic profile): its share of the
 * variance must be at least this, and this many times what its harmonics fit by chance.
 */
export const MIN_WEAK_EXPLAINED = 0.01;
const WEAK_OVER_CHANCE = 10;

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
  /** A weak cycle's smooth harmonic profile (not a mean per bin). */
  smooth?: true;
}

/** Share of the variance of `residual` (about its mean) that a profile per phase bin explains. */
function explainedBy(
  residual: ArrayLike<number>,
  times: ArrayLike<number>,
  period: Period,
  profile: ArrayLike<number>,
): number {
  const n = residual.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += residual[i] as number;
  mean /= n;
  let total = 0;
  let explained = 0;
  for (let i = 0; i < n; i++) {
    total += ((residual[i] as number) - mean) ** 2;
    explained += ((profile[phaseBin(times[i] as number, period, profile.length)] as number) - mean) ** 2;
  }
  return total > 0 ? explained / total : 0;
}

/** The cycle of one period in `residual` if it passes (a mean per bin), or with `weak` its smooth harmonic profile. */
function cycleOf(
  residual: Float64Array,
  times: ArrayLike<number>,
  period: Period,
  weak: boolean,
): FoundCycle | undefined {
  const n = residual.length;
  const half = Math.floor(n / 2);
  const profile = binMeans(residual, times, period).map((x) => (Number.isFinite(x) ? x : 0));
  const agreement = profileCorrelation(
    binMeans(residual, times, period, 0, half),
    binMeans(residual, times, period, half, n),
  );
  const explained = explainedBy(residual, times, period, profile);
  if (explained >= MIN_EXPLAINED && agreement >= MIN_SPLIT_AGREEMENT) return { period, profile, explained, agreement };
  if (!weak) return undefined;
  const smooth = harmonicProfile(residual, times, period);
  const first = harmonicProfile(residual, times, period, 0, half);
  const second = harmonicProfile(residual, times, period, half, n);
  if (!smooth || !first || !second) return undefined;
  const share = explainedBy(residual, times, period, smooth);
  const alike = profileCorrelation(first, second);
  // Chance fits about parameters / n of the variance; of a slow series, parameters / (its
  // effective sample size n (1 - ρ) / (1 + ρ)).
  const rho = Math.max(0, acf1([residual]));
  const floor = Math.max(
    MIN_WEAK_EXPLAINED,
    (WEAK_OVER_CHANCE * harmonicParameters(period) * (1 + rho)) / (n * (1 - rho)),
  );
  return share >= floor && alike >= MIN_SPLIT_AGREEMENT
    ? { period, profile: smooth, explained: share, agreement: alike, smooth: true }
    : undefined;
}

/**
 * Cycles of one series (in time order), slowest first, each fitted to what the slower ones
 * leave. `values` should be normal scores, so a skewed column is judged by its ranks. With
 * `weak` (the fitter), a period whose means per bin do not pass gets a second look with a smooth
 * profile: a season too weak to show in 52 noisy weekly means still carries correlations between
 * columns (humidity and the months of the baseball season).
 */
export function findCycles(
  values: ArrayLike<number>,
  times: ArrayLike<number>,
  cadenceMs: number,
  weak = false,
): FoundCycle[] {
  const n = values.length;
  if (n < 8) return [];
  const span = (times[n - 1] as number) - (times[0] as number);
  const residual = Float64Array.from(values);
  const found: FoundCycle[] = [];
  for (const period of candidatePeriods(span, cadenceMs)) {
    const cycle = cycleOf(residual, times, period, weak);
    if (!cycle) continue;
    const { profile } = cycle;
    for (let i = 0; i < n; i++)
      residual[i] = (residual[i] as number) - (profile[phaseBin(times[i] as number, period, profile.length)] as number);
    found.push(cycle);
  }
  return found;
}
