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
  /** The step's memory: the score carries decay × the last row's step plus this row's (0 for a held state). */
  decay: number;
  /** The step's part of the score at each of the trace's rows. */
  effect: Float64Array;
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
    const above = split(x);
    const on = x.map((v) => (v > above ? 1 : 0));
    const n1 = on.reduce((a, b) => a + b, 0);
    const n0 = on.length - n1;
    if (n1 < MIN_ROWS || n0 < MIN_ROWS) continue;
    // A held state steps the score while it is on; a flickering flag (the beaver's activity)
    // kicks a slow reading, which keeps the kick with its own memory: the step enters the
    // reading's innovations, residual_t − a residual_{t−1}, and is judged there.
    const decay = held >= MIN_HELD_ACF ? 0 : Math.max(0, Math.min(0.99, memory));
    const y = decay > 0 ? residual.map((v, t) => (t > 0 ? v - decay * (residual[t - 1] as number) : v)) : residual;
    const by = mean(y.filter((_, t) => on[t] === 1)) - mean(y.filter((_, t) => on[t] === 0));
    const a = decay > 0 ? acf1([y]) : memory;
    // Two AR(1)-like series of memories a and b: a mean difference's variance grows by (1 + ab) / (1 − ab).
    const inflation = Math.sqrt(Math.max(0.1, 1 + a * held) / Math.max(1e-6, 1 - a * held));
    const t = Math.abs(by) / ((std(y) || spread) * Math.sqrt(1 / n1 + 1 / n0) * inflation);
    if (t < strength) continue;
    const effect = new Float64Array(on.length);
    for (let i = 0; i < on.length; i++)
      effect[i] = (i > 0 ? decay * (effect[i - 1] as number) : 0) + by * (on[i] as number);
    [best, strength] = [{ column, above, by, decay, effect }, t];
  }
  return best;
}
