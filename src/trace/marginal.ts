/** One trace column's marginal: its stored quantile function, or a counter (a constant step, e.g. a reading index). */
import { lowerQuantile, quantileSorted, sortedCopy } from "./stats.ts";

/**
 * Steps of each stored quantile function (probabilities 0, 1/K, ..., 1): every order statistic
 * of short traces, 1,000 steps of long ones, so rare extremes keep their weight (between two
 * stored points the generator interpolates, which spreads a coarse top step's outlier).
 */
export const MAX_QUANTILE_STEPS = 1000;
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
export const roundTo = (x: number, d: number): number => Number(x.toFixed(Math.min(10, d)));

export function counterOf(x: Float64Array): { start: number; step: number } | undefined {
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
