/** One line of a comparison (a statistic, trace vs generated, passed or failed) and the "within ±limit" rule. */
export interface CompareLine {
  column: string;
  stat: string;
  trace: number;
  generated: number;
  /** What passing means, e.g. "±0.04" or "≥ 0.9". */
  tolerance: string;
  pass: boolean;
}

export const within = (column: string, stat: string, trace: number, generated: number, limit: number): CompareLine => ({
  column,
  stat,
  trace,
  generated,
  tolerance: `±${+limit.toPrecision(3)}`,
  pass: Math.abs(generated - trace) <= limit + 1e-12,
});
