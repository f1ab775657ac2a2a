/** Hands out each closed interval of a run once, from snapshots polled at any pace. */
import type { IntervalHistograms } from "../engine/snapshot.ts";

export class IntervalFollower {
  private lastSeq = 0;
  /** Intervals that left the engine's window before this reader saw them. */
  missed = 0;

  /** The intervals closed since the last call, oldest first (`recent` as in Snapshot.intervals). */
  take(recent: readonly IntervalHistograms[]): IntervalHistograms[] {
    const fresh = recent.filter((i) => i.seq > this.lastSeq);
    const first = fresh[0];
    if (first && first.seq > this.lastSeq + 1) this.missed += first.seq - this.lastSeq - 1;
    const last = fresh.at(-1);
    if (last) this.lastSeq = last.seq;
    return fresh;
  }
}
