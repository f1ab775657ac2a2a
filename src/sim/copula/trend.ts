/**
 * A column's trend: the level its values rose or fell by across the trace and the spread of its
 * wander around that level, replayed back and forth over the trace's span from each device's
 * first event (forward, then mirrored), so a sample longer than the trace stays in the trace's
 * range and its level never jumps.
 */

export interface Trend {
  /** The trace's span, ms: one pass of the curve. */
  span: number;
  /** The level at evenly spaced points of the span (the first at its start, the last at its end). */
  curve: ArrayLike<number>;
  /** The wander's spread at the same points, as a multiple of its table (1 when absent). */
  spread?: ArrayLike<number>;
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
  return trendAt(trend, sinceMs) + spread * draw;
}
