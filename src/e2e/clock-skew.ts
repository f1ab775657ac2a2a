/**
 * The offset between this process's clock and other instances' (a split run, --run-id): records
 * of ours and theirs travel the same path to the same reader, so the fastest send→readable of
 * each differs by the clocks' offset. Estimated, not corrected: the latencies stay as measured.
 */
import type { ClockEstimate } from "../engine/read-back-port.ts";

export class ClockSkew {
  /** Fastest send→readable of records stamped on this process's clock. */
  private ownFastest = Infinity;
  private readonly others = new Map<string, { records: number; fastest: number }>();

  constructor(readonly clock: string) {}

  /** One sampled record read back: stamped by `clock` (undefined: this run's only process). */
  note(clock: string | undefined, sendToReadableMs: number): void {
    if (clock === undefined || clock === this.clock) {
      if (sendToReadableMs < this.ownFastest) this.ownFastest = sendToReadableMs;
      return;
    }
    const other = this.others.get(clock);
    if (!other) this.others.set(clock, { records: 1, fastest: sendToReadableMs });
    else {
      other.records++;
      if (sendToReadableMs < other.fastest) other.fastest = sendToReadableMs;
    }
  }

  get ownFastestMs(): number {
    return Number.isFinite(this.ownFastest) ? this.ownFastest : NaN;
  }

  /** One estimate per other clock seen; skewMs is NaN until a record of our own was read too. */
  estimates(): ClockEstimate[] {
    return [...this.others].map(([clock, o]) =>
      Object.freeze({ clock, records: o.records, fastestMs: o.fastest, skewMs: o.fastest - this.ownFastestMs }),
    );
  }
}
