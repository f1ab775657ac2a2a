/**
 * A reading's latent step by a held 0/1 state (an alarm that lifts a flow): the step is read off
 * the state's value, which a held state keeps for rows after its latent has moved on.
 */
import { acf1, mean, std } from "./stats.ts";
import { split } from "./given.ts";

/** A state this persistent (lag-1 autocorrelation) is held by the fitter, and a copula cannot carry its value. */
const MIN_HELD_ACF = 0.5;
/** The step is kept when it is this many standard errors from 0 (widened for both series' memories). */
const MIN_T = 4;
/** Each side of the state needs this many rows. */
const MIN_ROWS = 5;

export interface Shift {
  column: number;
  above: number;
  by: number;
  /** 1 at the rows where the state is above. */
  on: Float64Array;
}

/**
 * The held state among `states` (index, series) that the reading's latent residual steps with
 * most clearly (by its t statistic), and the step: the residual's mean above less its mean not above.
 */
export function fitShift(
  residual: Float64Array,
  states: readonly { column: number; x: Float64Array }[],
): Shift | undefined {
  let best: Shift | undefined;
  let strength = MIN_T;
  const spread = std(residual) || 1;
  const memory = acf1([residual]);
  for (const { column, x } of states) {
    const held = acf1([x]);
    if (held < MIN_HELD_ACF) continue;
    const above = split(x);
    const on = x.map((v) => (v > above ? 1 : 0));
    const n1 = on.reduce((a, b) => a + b, 0);
    const n0 = on.length - n1;
    if (n1 < MIN_ROWS || n0 < MIN_ROWS) continue;
    const by = mean(residual.filter((_, t) => on[t] === 1)) - mean(residual.filter((_, t) => on[t] === 0));
    // Two AR(1)-like series of memories a and b: a mean difference's variance grows by (1 + ab) / (1 − ab).
    const inflation = Math.sqrt((1 + memory * held) / Math.max(1e-6, 1 - memory * held));
    const t = Math.abs(by) / (spread * Math.sqrt(1 / n1 + 1 / n0) * inflation);
    if (t >= strength) [best, strength] = [{ column, above, by, on }, t];
  }
  return best;
}
