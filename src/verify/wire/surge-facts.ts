/**
 * surge's ground-truth headers read in place from a record's bytes: the run id compared byte for
 * byte, device and sequence parsed as decimals, the anomaly header decoded only when present.
 */
import { HEADER_ANOMALY, HEADER_DEVICE, HEADER_RUN, HEADER_SEQ } from "../../truth/headers.ts";
import type { RecordFacts } from "../run-tally.ts";
import { eachHeader, type HeaderCursor, type RecordView } from "../../kafka/protocol/fetch-response.ts";

const RUN = Buffer.from(HEADER_RUN);
const DEVICE = Buffer.from(HEADER_DEVICE);
const SEQ = Buffer.from(HEADER_SEQ);
const ANOMALY = Buffer.from(HEADER_ANOMALY);

/** Fills `into` from the record's headers; one per run (holds the run id's bytes). */
export class SurgeFacts {
  private readonly runId: Buffer;
  private readonly cursor: HeaderCursor = { keyStart: 0, keyLength: 0, valueStart: 0, valueLength: 0 };
  private into: RecordFacts | undefined;
  private buf: Buffer = Buffer.alloc(0);

  constructor(runId: string) {
    this.runId = Buffer.from(runId);
  }

  read(view: RecordView, into: RecordFacts): void {
    into.ours = false;
    into.device = -1;
    into.seq = -1;
    into.anomaly = undefined;
    into.timestampMs = view.timestampMs;
    into.offset = view.offset;
    this.into = into;
    this.buf = view.buf;
    eachHeader(view, this.cursor, this.onHeader);
  }

  private readonly onHeader = (c: HeaderCursor): void => {
    const into = this.into!;
    const buf = this.buf;
    if (is(buf, c, RUN))
      into.ours =
        c.valueLength === this.runId.length &&
        buf.compare(this.runId, 0, this.runId.length, c.valueStart, c.valueStart + c.valueLength) === 0;
    else if (is(buf, c, SEQ)) into.seq = decimal(buf, c.valueStart, c.valueLength);
    else if (is(buf, c, DEVICE)) into.device = decimal(buf, c.valueStart, c.valueLength);
    else if (is(buf, c, ANOMALY))
      into.anomaly = c.valueLength > 0 ? buf.toString("latin1", c.valueStart, c.valueStart + c.valueLength) : "";
  };
}

function is(buf: Buffer, c: HeaderCursor, name: Buffer): boolean {
  if (c.keyLength !== name.length) return false;
  for (let i = c.keyLength - 1; i >= 0; i--) if (buf[c.keyStart + i] !== name[i]) return false;
  return true;
}

/** A non-negative decimal of at most 10 digits, else -1 (the same rule as the text form). */
export function decimal(buf: Buffer, start: number, length: number): number {
  if (length <= 0 || length > 10) return -1;
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
