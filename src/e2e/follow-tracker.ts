/**
 * Matches what comes out of a user's pipeline to what surge put in, by key (device:seq from
 * surge's headers, or the value at --match): counts matched, not yet out, never out (after the
 * grace), duplicated and foreign, and measures intended→out and send→out of each match.
 */
import type { RecordTimes } from "./time-header.ts";
import { SkewedHistogram } from "./skewed-histogram.ts";

interface Pending {
  times: RecordTimes;
  inMs: number;
  /** Copies that went in and have not come out yet (surge's own duplicates count). */
  copies: number;
}

interface EarlyOut {
  outMs: number;
  times: RecordTimes | undefined;
}

export class FollowTracker {
  expected = 0;
  matched = 0;
  neverOut = 0;
  duplicated = 0;
  foreign = 0;
  unsampled = 0;
  read = 0;
  readonly sendToOut = new SkewedHistogram();
  readonly intendedToOut = new SkewedHistogram();
  private readonly pending = new Map<string, Pending>();
  /** Keys matched at least once: a further copy out is a duplicate. */
  private readonly done = new Set<string>();
  /** Given up on after the grace; still matched (and taken off never out) if it comes out later. */
  private readonly givenUp = new Map<string, RecordTimes>();
  /** Out before the reader saw it go in (the two topics are read side by side). */
  private readonly early = new Map<string, EarlyOut>();
  private notYet = 0;

  constructor(private readonly graceMs: number) {}

  get notYetOut(): number {
    return this.notYet;
  }

  /** A sampled record of this run read from the input topic at `nowMs`. */
  noteIn(key: string, times: RecordTimes, nowMs: number): void {
    this.expected++;
    const early = this.early.get(key);
    if (early) {
      this.early.delete(key);
      this.match(key, early.times ?? times, early.outMs);
      return;
    }
    const pending = this.pending.get(key);
    if (pending) pending.copies++;
    else this.pending.set(key, { times, inMs: nowMs, copies: 1 });
    this.notYet++;
  }

  /**
   * A record read from the output topic at `nowMs` that names `key`; `times` when it carries
   * surge's time header itself (headers kept), else the input's times are used.
   */
  noteOut(key: string, times: RecordTimes | undefined, nowMs: number): void {
    const pending = this.pending.get(key);
    if (pending) {
      if (--pending.copies === 0) this.pending.delete(key);
      this.notYet--;
      this.match(key, times ?? pending.times, nowMs);
      return;
    }
    const given = this.givenUp.get(key);
    if (given) {
      this.givenUp.delete(key);
      this.neverOut--;
      this.match(key, times ?? given, nowMs);
      return;
    }
    if (this.done.has(key)) {
      this.duplicated++;
      return;
    }
    if (this.early.has(key)) this.foreign++;
    else this.early.set(key, { outMs: nowMs, times });
  }

  /** What is still pending after the grace is never out; what came out unmatched after it is foreign. */
  sweep(nowMs: number, force = false): void {
    const limit = force ? Infinity : nowMs - this.graceMs;
    for (const [key, p] of this.pending) {
      if (p.inMs > limit) continue;
      this.pending.delete(key);
      this.neverOut += p.copies;
      this.notYet -= p.copies;
      this.givenUp.set(key, p.times);
    }
    for (const [key, e] of this.early) {
      if (e.outMs > limit) continue;
      this.early.delete(key);
      this.foreign++;
    }
  }

  /** A few of the records never out (device:seq, or the --match value), oldest first, to name in the summary. */
  neverOutExamples(limit = 5): string[] {
    return [...this.givenUp.keys()].slice(0, limit);
  }

  /** Nothing expected is still on its way. */
  get settled(): boolean {
    return this.pending.size === 0 && this.early.size === 0;
  }

  private match(key: string, times: RecordTimes, outMs: number): void {
    this.matched++;
    this.done.add(key);
    this.sendToOut.record(outMs - times.sendMs);
    this.intendedToOut.record(outMs - times.intendedMs);
  }
}
