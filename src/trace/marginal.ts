/** One trace column's marginal: its stored quantile function, or a counter (a constant step, e.g. a reading index). */
import { lowerQuantile, quantileSorted, sortedCopy } from "./stats.ts";

/**
 * Steps of each stored quantile function: every order statistic of short traces (probabilities
 * 0, 1/K, ..., 1); of long ones the TAIL_RANKS lowest and highest one by one and even steps
 * between (between two stored points the generator interpolates: a top step 1/1000 wide would
 * spread a lone outlier, 406 km/h of wind among values below 50, over a thousandth of the draws).
 */
export const MAX_QUANTILE_STEPS = 1000;
const TAIL_RANKS = 50;
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
export function quantilesOf(
  x: ArrayLike<number>,
  decimals: number,
): { quantiles: number[]; steps: boolean; probabilities?: number[] } {
  const sorted = sortedCopy(x);
  if (new Set(sorted).size <= MAX_STEP_VALUES) {
    const k = Math.min(MAX_QUANTILE_STEPS, sorted.length);
    return { quantiles: Array.from({ length: k }, (_, i) => lowerQuantile(sorted, (i + 0.5) / k)), steps: true };
  }
  const last = sorted.length - 1;
  const at = (rank: number): number => roundTo(quantileSorted(sorted, rank / last), decimals + 2);
  if (last <= MAX_QUANTILE_STEPS) {
    const steps = Math.max(1, last);
    return { quantiles: Array.from({ length: steps + 1 }, (_, i) => at((i * last) / steps)), steps: false };
  }
  const middle = MAX_QUANTILE_STEPS + 1 - 2 * TAIL_RANKS;
  const ranks = [
    ...Array.from({ length: TAIL_RANKS }, (_, i) => i),
    ...Array.from({ length: middle }, (_, i) => TAIL_RANKS + (i * (last - 2 * TAIL_RANKS)) / (middle - 1)),
    ...Array.from({ length: TAIL_RANKS }, (_, i) => last - TAIL_RANKS + 1 + i),
  ];
  return { quantiles: ranks.map(at), steps: false, probabilities: ranks.map((r) => roundTo(r / last, 9)) };
}
