/**
 * A column's trend: the level its values rose or fell by across the trace and the spread of its
 * wander around that level, replayed back and forth over the trace's span from each device's
 * first event (forward, then mirrored), so a sample longer than the trace stays in the trace's
 * range and its level never jumps; the sum is mapped to the trace's own law.
 */

export interface Trend {
  /** The trace's span, ms: one pass of the curve. */
  span: number;
  /** The level at evenly spaced points of the span (the first at its start, the last at its end). */
  curve: ArrayLike<number>;
  /** The wander's spread at the same points, as a multiple of its table (1 when absent). */
  spread?: ArrayLike<number>;
  /**
   * level + spread × draw mapped to the trace's own law: `from` that sum's quantiles (over the
   * trace's rows and the table's draws, as if independent), `to` the trace's at the same
   * probabilities; outside them, the trace's extremes.
   */
  remap?: { from: ArrayLike<number>; to: ArrayLike<number> };
}

/** A curve of evenly spaced points over `span`, `sinceMs` after the device's first event, forward then back. */
export function curveAt(curve: ArrayLike<number>, span: number, sinceMs: number): number {
  const last = curve.length - 1;
  if (last < 1 || !(span > 0)) return (curve[0] as number | undefined) ?? 0;
  const pass = Math.max(0, sinceMs) / span;
  const whole = Math.floor(pass);
  // Odd passes run backwards: the level turns at the span's ends instead of jumping back.
  const along = whole % 2 === 0 ? pass - whole : 1 - (pass - whole);
  const x = along * last;
  const i = Math.min(last - 1, Math.floor(x));
  return (curve[i] as number) + (x - i) * ((curve[i + 1] as number) - (curve[i] as number));
}

/** The trend's level `sinceMs` after the device's first event. */
export const trendAt = (trend: Trend, sinceMs: number): number => curveAt(trend.curve, trend.span, sinceMs);

/** A value drawn from the column's table (`draw`) on the trend: level + spread × draw. */
export function onTrend(trend: Trend, draw: number, sinceMs: number): number {
  const spread = trend.spread ? curveAt(trend.spread, trend.span, sinceMs) : 1;
  const v = trendAt(trend, sinceMs) + spread * draw;
  return trend.remap ? mapped(trend.remap.from, trend.remap.to, v) : v;
}

/** v carried from the rising points `from` to `to` (linear between them, the ends held). */
export function mapped(from: ArrayLike<number>, to: ArrayLike<number>, v: number): number {
  const last = from.length - 1;
  if (!(v > (from[0] as number))) return to[0] as number;
  if (v >= (from[last] as number)) return to[last] as number;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((from[mid] as number) <= v) lo = mid;
    else hi = mid;
  }
  const width = (from[hi] as number) - (from[lo] as number);
  const w = width > 0 ? (v - (from[lo] as number)) / width : 0;
  return (to[lo] as number) + w * ((to[hi] as number) - (to[lo] as number));
}
