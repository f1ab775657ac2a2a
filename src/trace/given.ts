/**
 * Readings that step with a two-valued state (a flow with a door, a body temperature with
 * activity): which state each reading follows, and its normal scores within each state's rows.
 * A copula passes only part of a latent correlation to a 0/1 value, and a held state is
 * decoupled from its latent; a marginal chosen by the state's value carries the whole step.
 */
import { acf1, normalScores, pearson } from "./stats.ts";
import { MAX_MEMORY } from "./correct.ts";

/** A reading follows the state it correlates with most, when at least this much. */
const MIN_CORRELATION = 0.2;
/** Each side of the state needs this many rows for a quantile function of its own. */
const MIN_ROWS = 5;

/** The two values of a two-valued series, low first; the midpoint splits them. */
export function split(x: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    lo = Math.min(lo, x[i] as number);
    hi = Math.max(hi, x[i] as number);
  }
  return (lo + hi) / 2;
}

/** compare's tolerance on a lag-1 autocorrelation. */
const ACF_TOLERANCE = 0.05;

/**
 * For each column, the index of the two-valued column it follows, or -1. States themselves
 * follow none. A state that flickers (a flag on scattered rows) cannot carry a slow reading: the
 * share r² of the reading's variance that the state's two sides explain would move with the
 * state's lag-1 autocorrelation, so the reading's could reach at most r² ρ_state + (1 − r²) m, m
 * the slowest latent memory the fitter gives a column (correct.ts): a state that leaves the
 * reading's out of reach even within compare's tolerance is not followed. The fitter then keeps
 * a followed state only when the fit with it checks better (fit.ts).
 * `cyclic`: the columns with a cycle of their own.
 */
export function chooseStates(
  series: readonly Float64Array[],
  binary: readonly boolean[],
  cyclic: readonly boolean[],
): number[] {
  return series.map((x, i) => {
    if (binary[i]) return -1;
    let best = -1;
    let strength = MIN_CORRELATION;
    series.forEach((s, j) => {
      // A state with a season of its own (a baseball game day) meets the readings through that
      // season, which the cycles carry: conditioning on it would tie a summer marginal to a held
      // flag drawn in winter.
      if (!binary[j] || cyclic[j]) return;
      const above = split(s);
      let high = 0;
      for (let t = 0; t < s.length; t++) if ((s[t] as number) > above) high++;
      if (high < MIN_ROWS || s.length - high < MIN_ROWS) return;
      const r = Math.abs(pearson(x, s));
      if (acf1([x]) > r * r * acf1([s]) + (1 - r * r) * MAX_MEMORY + ACF_TOLERANCE) return;
      if (r >= strength) [best, strength] = [j, r];
    });
    return best;
  });
}

/** Rows of `x` where the state is above / not above `above`. */
export function sides(x: Float64Array, state: Float64Array, above: number): [Float64Array, Float64Array] {
  return [x.filter((_, t) => !((state[t] as number) > above)), x.filter((_, t) => (state[t] as number) > above)];
}

/** Normal scores of `x` ranked within each side of the state: the part of the reading the state does not explain. */
export function conditionalScores(x: Float64Array, state: Float64Array, above: number): Float64Array {
  const out = new Float64Array(x.length);
  for (const high of [false, true]) {
    const rows: number[] = [];
    for (let t = 0; t < x.length; t++) if ((state[t] as number) > above === high) rows.push(t);
    const scores = normalScores(rows.map((t) => x[t] as number));
    rows.forEach((t, r) => (out[t] = scores[r] as number));
  }
  return out;
}
