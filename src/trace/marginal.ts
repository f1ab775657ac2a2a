/** One trace column's marginal: its stored quantile function, or a counter (a constant step, e.g. a reading index). */
import { lowerQuantile, quantileSorted, sortedCopy } from "./stats.ts";

/**
 * Steps of each stored quantile function: every order statistic of short traces (probabilities
 * 0, 1/K, ..., 1); of long ones the TAIL_RANKS lowest and highest one by one, each a flat step
 * of probability 1/n, and even steps between (between two stored points the generator interpolates: a top step 1/1000 wide would
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
export const MAX_STEP_VALUES = 20;

/**
 * The stored quantile function: interpolated points, or for a few-valued column K steps at
 * probabilities (i + ½)/K (of more than 1,000 rows and three values or more: flat steps).
 */
export function quantilesOf(
  x: ArrayLike<number>,
  decimals: number,
): { quantiles: number[]; steps: boolean; probabilities?: number[]; tails?: [number, number] } {
  const sorted = sortedCopy(x);
  const distinct = new Set(sorted).size;
  // Steps of 1/K keep each value's share exactly only when K is the trace's length; a longer
  // trace's column of three or more values is written below, each value a flat step of its own
  // share (Chicago's percip: 0.12 of share 1/5,698 was lost, 0.08 took 1/1,000, the std 4 % low).
  const few = distinct <= MAX_STEP_VALUES;
  if (few && (distinct <= 2 || sorted.length <= MAX_QUANTILE_STEPS)) {
    const k = Math.min(MAX_QUANTILE_STEPS, sorted.length);
    return { quantiles: Array.from({ length: k }, (_, i) => lowerQuantile(sorted, (i + 0.5) / k)), steps: true };
  }
  const last = sorted.length - 1;
  const at = (rank: number): number => roundTo(quantileSorted(sorted, rank / last), decimals + 2);
  if (last <= MAX_QUANTILE_STEPS) {
    const steps = Math.max(1, last);
    return { quantiles: Array.from({ length: steps + 1 }, (_, i) => at((i * last) / steps)), steps: false };
  }
  // Each extreme is a flat step of probability 1/n (its own share, as in the trace); the middle
  // interpolates the quantiles at even probabilities.
  const n = sorted.length;
  const points: [number, number][] = [];
  for (let r = 0; r < TAIL_RANKS; r++) points.push([r / n, r], [(r + 1) / n, r]);
  if (few) points.push(...flatSteps(sorted, TAIL_RANKS, n - TAIL_RANKS));
  const middle = few ? 0 : MAX_QUANTILE_STEPS + 1 - 4 * TAIL_RANKS;
  for (let i = 0; i < middle; i++) {
    const p = (TAIL_RANKS + (i * (n - 2 * TAIL_RANKS)) / (middle - 1)) / n;
    points.push([p, clamp(p * n - 0.5, 0, last)]);
  }
  for (let r = n - TAIL_RANKS; r < n; r++) points.push([r / n, r], [(r + 1) / n, r]);
  // Isolated extremes (a lone outlier, a gust) are drawn evenly over their tail (latent.ts
  // `tails`): a value of share 1/n comes once in n rows, not a Poisson count of times. Extremes
  // in runs (an excursion of a slow reading) keep their order: spreading them would break it.
  const [low, high] = [isolated(x, -1), isolated(x, 1)];
  return {
    quantiles: points.map(([, rank]) => at(rank)),
    steps: false,
    probabilities: points.map(([p]) => roundTo(p, 9)),
    ...(low || high
      ? { tails: [low ? roundTo(TAIL_RANKS / n, 9) : 0, high ? roundTo(1 - TAIL_RANKS / n, 9) : 1] as [number, number] }
      : {}),
  };
}

/** Points [probability, rank] of ranks [from, to): each value one flat step of its share. */
function flatSteps(sorted: ArrayLike<number>, from: number, to: number): [number, number][] {
  const n = sorted.length;
  const points: [number, number][] = [];
  for (let r = from; r < to;) {
    let e = r;
    while (e + 1 < to && sorted[e + 1] === sorted[r]) e++;
    points.push([r / n, r], [(e + 1) / n, e]);
    r = e + 1;
  }
  return points;
}

/**
 * Whether the TAIL_RANKS most extreme rows of `x` (in time order) on one side (1 top, -1
 * bottom) are isolated: fewer than half of them next to another of them.
 */
function isolated(x: ArrayLike<number>, side: 1 | -1): boolean {
  const order = Array.from({ length: x.length }, (_, i) => i).sort(
    (a, b) => side * ((x[b] as number) - (x[a] as number)) || a - b,
  );
  const tail = new Set(order.slice(0, TAIL_RANKS));
  let neighbours = 0;
  for (const i of tail) if (tail.has(i - 1) || tail.has(i + 1)) neighbours++;
  return 2 * neighbours < TAIL_RANKS;
}
