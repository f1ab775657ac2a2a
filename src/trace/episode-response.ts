/** A reading's path through a scheduled state's episodes (rows since each entry), and its placebo test. */
import { runsAbove, type EpisodeSchedule } from "./episodes.ts";
import { roundTo } from "./marginal.ts";
import { normalScores } from "./stats.ts";

/** Kept when at most this share of placebo entries (every other row of the trace) show a path as strong. */
const MAX_P = 0.001;
/** A placebo test needs this many placebo rows to reach MAX_P. */
const MIN_PLACEBOS = 2000;
/** Rows of an episode's path stored at most; later rows of an episode keep the last. */
export const MAX_PROFILE = 1000;

export interface EpisodeResponse {
  /** The reading's mean value k rows after an entry (over the trace's entries). */
  values: Float64Array;
  /** Share of placebo entries whose path is as strong (the test's p-value). */
  p: number;
}

/**
 * The reading's path through the episodes of `state` (`length` rows from each entry, at most
 * MAX_PROFILE), kept only when its scores' moves from the row before each entry are larger (mean
 * square) than at all but a share MAX_P of placebo entries on every other row. One episode cannot
 * tell a level difference from two slow series that wander together; but a series that moves
 * where the state switches on, further than it moves from 999 of 1000 other rows, shows a
 * response. The null is the reading's own wander over the same window, so nothing is assumed
 * about its law; a path averaged over several entries is judged against single placebo entries
 * (a stricter bar). `scores`: the reading's normal scores (its ranks: an outlier does not make a
 * path); `x`: its values, whose mean path is returned.
 */
export function fitEpisodeResponse(
  scores: Float64Array,
  x: Float64Array,
  state: ArrayLike<number>,
  length: number,
): EpisodeResponse | undefined {
  const n = scores.length;
  const w = Math.min(length, MAX_PROFILE);
  const entries = runsAbove(state)
    .map(([s]) => s)
    .filter((s) => s >= 1 && s + w <= n);
  if (entries.length === 0) return undefined;
  const near = (t: number): boolean => entries.some((s) => Math.abs(t - s) < 2 * w);
  const placebos: number[] = [];
  for (let t = 1; t + w <= n; t++) if (!near(t)) placebos.push(t);
  if (placebos.length < MIN_PLACEBOS) return undefined;
  const strength = (starts: readonly number[]): number => {
    let sum = 0;
    for (let k = 0; k < w; k++) {
      let e = 0;
      for (const s of starts) e += (scores[s + k] as number) - (scores[s - 1] as number);
      sum += (e / starts.length) ** 2;
    }
    return sum / w;
  };
  const real = strength(entries);
  let beaten = 0;
  for (const t of placebos) if (strength([t]) >= real) beaten++;
  const p = (beaten + 1) / (placebos.length + 1);
  if (p > MAX_P) return undefined;
  // Each k over the episodes still on k rows in (an episode shorter than the mean ends sooner).
  const runs = runsAbove(state).filter(([s]) => entries.includes(s));
  const values = new Float64Array(w);
  for (let k = 0; k < w; k++) {
    const inside = runs.filter(([s, e]) => s + k < e);
    values[k] = inside.length
      ? inside.reduce((a, [s]) => a + (x[s + k] as number), 0) / inside.length
      : (values[k - 1] as number);
  }
  return { values, p };
}

/** The scheduled state among `picked` whose episodes the reading `x` responds to most clearly, and its path (rounded). */
export function responseOf(
  x: Float64Array,
  picked: readonly { x: Float64Array; schedule?: EpisodeSchedule }[],
  decimals: number,
): { column: number; values: number[] } | undefined {
  let best: { column: number; values: number[]; p: number } | undefined;
  const scores = normalScores(x);
  picked.forEach((p, column) => {
    const found = p.schedule ? fitEpisodeResponse(scores, x, p.x, p.schedule.length) : undefined;
    if (found && (!best || found.p < best.p))
      best = { column, values: Array.from(found.values, (v) => roundTo(v, decimals)), p: found.p };
  });
  return best;
}

/**
 * A path column's scores through the state's episodes replaced, in place, by its score the row
 * before each (the latent is not seen there: the path is written): so the latent's memory is the
 * rows outside's, not lowered by the jumps to and from the episodes' own ranks.
 */
export function carryThrough(scores: Float64Array, state: ArrayLike<number>, above: number): void {
  for (let t = 1; t < scores.length; t++) if ((state[t] as number) > above) scores[t] = scores[t - 1] as number;
}
