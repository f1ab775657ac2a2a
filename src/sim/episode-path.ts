/** A reading's values through a scheduled state's episodes, by events since the state switched on. */

export interface EpisodePath {
  /** The state's value above which it is on. */
  above: number;
  /** The reading's value k events into an episode (the last held). */
  values: ArrayLike<number>;
}

/**
 * The reading's value at this event while the state `now` is on, or NaN (draw it as usual).
 * `memory[2·at]` keeps the device's last state value, `memory[2·at + 1]` the events since it
 * switched on (NaN in an episode begun before the device's first event: not seen entering it).
 */
export function pathValue(path: EpisodePath, memory: Float64Array, at: number, now: number): number {
  const before = memory[2 * at] as number;
  memory[2 * at] = now;
  const on = now > path.above;
  const age = !on ? NaN : before <= path.above ? 0 : (memory[2 * at + 1] as number) + 1;
  memory[2 * at + 1] = age;
  return age >= 0 ? (path.values[Math.min(age, path.values.length - 1)] as number) : NaN;
}
