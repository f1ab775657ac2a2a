/**
 * The read-back's view of one record, read in place from the fetched bytes: the `surge-at` times
 * when the record carries them and belongs to this run, else nothing. Records without the header
 * (99 % at --e2e-sample 1%) cost a walk over their header keys' lengths and no allocation.
 */
import type { HeaderCursor, RecordView } from "../kafka/protocol/fetch-response.ts";
import { eachHeader } from "../kafka/protocol/fetch-response.ts";
import { HEADER_RUN } from "../truth/headers.ts";
import { HEADER_AT, parseAt, type RecordTimes } from "./time-header.ts";

const AT = Buffer.from(HEADER_AT);
const RUN = Buffer.from(HEADER_RUN);

export class AtHeaderReader {
  private readonly runId: Buffer;
  private readonly cursor: HeaderCursor = { keyStart: 0, keyLength: 0, valueStart: 0, valueLength: 0 };
  private buf: Buffer = Buffer.alloc(0);
  private atStart = -1;
  private atLength = 0;
  private ours = false;

  constructor(runId: string) {
    this.runId = Buffer.from(runId);
  }

  /** The record's send and intended times, or undefined (not sampled, another run's, or malformed). */
  read(view: RecordView): RecordTimes | undefined {
    if (view.headerCount <= 0) return undefined;
    this.buf = view.buf;
    this.atStart = -1;
    this.ours = false;
    eachHeader(view, this.cursor, this.onHeader);
    if (this.atStart < 0 || !this.ours) return undefined;
    return timesAt(this.buf, this.atStart, this.atLength);
  }

  private readonly onHeader = (c: HeaderCursor): void => {
    if (is(this.buf, c, AT)) {
      this.atStart = c.valueStart;
      this.atLength = Math.max(c.valueLength, 0);
    } else if (is(this.buf, c, RUN)) {
      this.ours =
        c.valueLength === this.runId.length &&
        this.buf.compare(this.runId, 0, this.runId.length, c.valueStart, c.valueStart + c.valueLength) === 0;
    }
  };
}

/**
 * "send,intended" parsed from the bytes when both are plain fixed-point decimals (what formatAt
 * writes), no string made (equal to parseAt within a rounding step); a clock id after them (split
 * runs) and anything else go through parseAt's rules.
 */
export function timesAt(buf: Buffer, start: number, length: number): RecordTimes | undefined {
  const end = start + length;
  const send = fixedPoint(buf, start, end, 44); // up to ","
  if (send >= 0 && fixedEnd < end && buf[fixedEnd] === 44) {
    const sendEnd = fixedEnd;
    const intended = fixedPoint(buf, sendEnd + 1, end, 44);
    if (intended >= 0 && fixedEnd === end && sendEnd > start && end > sendEnd + 1)
      return { sendMs: send, intendedMs: intended };
  }
  return parseAt(buf.toString("latin1", start, end));
}

/** Where the last fixedPoint stopped (module-level: no object per call). */
let fixedEnd = 0;

/** Digits with at most one "." up to `stop` (or the end); -1 on any other byte or no digits. */
function fixedPoint(buf: Buffer, start: number, end: number, stop: number): number {
  let whole = 0;
  let fraction = 0;
  let scale = 1;
  let dot = false;
  let digits = 0;
  let i = start;
  for (; i < end; i++) {
    const b = buf[i]!;
    if (b === stop) break;
    if (b === 46 && !dot) {
      dot = true;
      continue;
    }
    const d = b - 48;
    if (d < 0 || d > 9 || digits >= 17) return -1;
    digits++;
    if (dot) {
      fraction = fraction * 10 + d;
      scale *= 10;
    } else {
      whole = whole * 10 + d;
    }
  }
  fixedEnd = i;
  return digits === 0 ? -1 : whole + fraction / scale;
}

/** Key equality, length first (most keys differ in length from "surge-at"). */
function is(buf: Buffer, c: HeaderCursor, name: Buffer): boolean {
  if (c.keyLength !== name.length) return false;
  for (let i = c.keyLength - 1; i >= 0; i--) if (buf[c.keyStart + i] !== name[i]) return false;
  return true;
}
