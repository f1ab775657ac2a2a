/** A two-valued state seen in so few episodes that they are spaced evenly, and the test of a step at its switches. */
import { split } from "./given.ts";

/**
 * A state whose upper value comes in at most this many runs per device is scheduled: so few
 * episodes give no law for the gaps between them or their lengths, and a chain fitted to them
 * makes a sample's share a Poisson count of geometric-length episodes (the motes' label: one
 * episode per mote, 10-20 in a sample, std 0.107 against 0.091).
 */
export const MAX_SCHEDULED_EPISODES = 4;

/** Episodes every `every` events, each `length` events long (per device, from a random phase). */
export interface EpisodeSchedule {
  every: number;
  length: number;
}

/** The runs of `x` above its midpoint: [start, end) row pairs. */
export function runsAbove(x: ArrayLike<number>): [number, number][] {
  const above = split(x);
  const runs: [number, number][] = [];
  for (let t = 0; t < x.length; t++) {
    if (!((x[t] as number) > above)) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === t) last[1] = t + 1;
    else runs.push([t, t + 1]);
  }
  return runs;
}

/**
 * The even schedule of a two-valued column seen in 1 to MAX_SCHEDULED_EPISODES episodes: the
 * trace's mean episode length, entered once per trace length / episodes, so a sample holds the
 * trace's share of the upper value (to one episode) and its episode length exactly.
 */
export function scheduleOf(x: ArrayLike<number>): EpisodeSchedule | undefined {
  const runs = runsAbove(x);
  if (runs.length < 1 || runs.length > MAX_SCHEDULED_EPISODES) return undefined;
  const on = runs.reduce((a, [s, e]) => a + e - s, 0);
  const length = Math.max(1, Math.round(on / runs.length));
  const every = Math.round(x.length / runs.length);
  return every > length ? { every, length } : undefined;
}
