/**
 * Which sequence numbers arrived, per (device, topic) slot, in memory proportional to the number
 * of slots plus the number of holes, not the number of records. Each slot keeps a contiguous
 * prefix [0, next) in typed arrays; sequence numbers above it are kept as merged runs only while
 * there is a hole below them (a gap, or a partition that is read behind the others).
 * Order-independent: the same records in any order give the same result, so a device spread over
 * several partitions by a round-robin partitioner is counted correctly.
 */

/** The largest sequence number tracked (Int32Array); larger ones are reported as unreadable. */
export const MAX_SEQ = 0x7ffffffe;

/** One hole: [from, to) never arrived; timestamps of the records on either side (NaN = none). */
export interface Gap {
  slot: number;
  from: number;
  to: number;
  tsBefore: number;
  tsAfter: number;
}

/** Runs above the prefix, flat: [start, end, tsOfStart, tsOfEndMinusOne, ...], end exclusive. */
type Runs = number[];
const STRIDE = 4;

export class ReceivedSeqs {
  /** First sequence number not yet received, per slot. */
  private readonly next: Int32Array;
  /** Timestamp of record next - 1 (the end of the prefix). */
  private readonly prefixTs: Float64Array;
  private readonly runs = new Map<number, Runs>();

  constructor(readonly slots: number) {
    this.next = new Int32Array(slots);
    this.prefixTs = new Float64Array(slots).fill(Number.NaN);
  }

  /** Records an arrival; true when this sequence number is new, false for a duplicate. */
  add(slot: number, seq: number, ts: number): boolean {
    const next = this.next[slot] ?? 0;
    if (seq < next) return false;
    const runs = this.runs.get(slot);
    if (seq === next) {
      this.advance(slot, next + 1, ts, runs);
      return true;
    }
    if (!runs) {
      this.runs.set(slot, [seq, seq + 1, ts, ts]);
      return true;
    }
    return insert(runs, seq, ts);
  }

  /** Highest sequence number received for the slot, -1 when none. */
  highest(slot: number): number {
    const runs = this.runs.get(slot);
    if (runs && runs.length > 0) return (runs[runs.length - STRIDE + 1] ?? 0) - 1;
    return (this.next[slot] ?? 0) - 1;
  }

  /** Every hole below the highest received sequence number of a slot, in order. */
  *gaps(slot: number): Generator<Gap> {
    let from = this.next[slot] ?? 0;
    let tsBefore = from > 0 ? (this.prefixTs[slot] ?? Number.NaN) : Number.NaN;
    const runs = this.runs.get(slot) ?? [];
    for (let i = 0; i < runs.length; i += STRIDE) {
      const [start = 0, end = 0, tsStart = Number.NaN, tsEnd = Number.NaN] = runs.slice(i, i + STRIDE);
      yield { slot, from, to: start, tsBefore, tsAfter: tsStart };
      from = end;
      tsBefore = tsEnd;
    }
  }

  /** Slots that have at least one hole (the others are a complete prefix). */
  slotsWithGaps(): number[] {
    return [...this.runs.keys()].sort((a, b) => a - b);
  }

  /** Moves the prefix to `to` and swallows a run that now touches it. */
  private advance(slot: number, to: number, ts: number, runs: Runs | undefined): void {
    if (runs && runs[0] === to) {
      this.next[slot] = runs[1] ?? to;
      this.prefixTs[slot] = runs[3] ?? ts;
      runs.splice(0, STRIDE);
      if (runs.length === 0) this.runs.delete(slot);
      return;
    }
    this.next[slot] = to;
    this.prefixTs[slot] = ts;
  }
}

/** Adds seq to sorted, merged runs; false when it is already inside one. */
function insert(runs: Runs, seq: number, ts: number): boolean {
  // Index of the first run whose end is > seq.
  let lo = 0;
  let hi = runs.length / STRIDE;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((runs[mid * STRIDE + 1] ?? 0) > seq) hi = mid;
    else lo = mid + 1;
  }
  const at = lo * STRIDE;
  if (at < runs.length && (runs[at] ?? 0) <= seq) return false;
  const joinsLeft = at > 0 && runs[at - STRIDE + 1] === seq;
  const joinsRight = at < runs.length && runs[at] === seq + 1;
  if (joinsLeft && joinsRight) {
    runs[at - STRIDE + 1] = runs[at + 1] ?? seq + 1;
    runs[at - STRIDE + 3] = runs[at + 3] ?? ts;
    runs.splice(at, STRIDE);
  } else if (joinsLeft) {
    runs[at - STRIDE + 1] = seq + 1;
    runs[at - STRIDE + 3] = ts;
  } else if (joinsRight) {
    runs[at] = seq;
    runs[at + 2] = ts;
  } else {
    runs.splice(at, 0, seq, seq + 1, ts, ts);
  }
  return true;
}
