/**
 * A column's values clipped to the trace's 0.1 % and 99.9 % quantiles (winsorized): the
 * statistics a lone outlier must not make or break (a cycle's profile, the correlations the
 * fitter matches). Of a trace under 1,000 rows the bounds are its own min and max: nothing moves.
 */
import { lowerQuantile, sortedCopy } from "./stats.ts";

/** Share of the rows beyond each bound. */
export const TAIL_SHARE = 0.001;

export type Bounds = readonly [number, number];

/** The bounds of a column (any order of values). */
export function tailBounds(x: ArrayLike<number>): Bounds {
  const sorted = sortedCopy(x);
  return [lowerQuantile(sorted, TAIL_SHARE), lowerQuantile(sorted, 1 - TAIL_SHARE)];
}

/** `x` clipped to `bounds`. */
export function clipped(x: ArrayLike<number>, [lo, hi]: Bounds): Float64Array {
  return Float64Array.from(x, (v) => (v < lo ? lo : v > hi ? hi : v));
}
