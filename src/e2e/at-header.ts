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
    return parseAt(this.buf.toString("latin1", this.atStart, this.atStart + this.atLength));
  }

  private readonly onHeader = (c: HeaderCursor): void => {
    if (is(this.buf, c, AT)) {
      this.atStart = c.valueStart;
      this.atLength = Math.max(c.valueLength, 0);
    } else if (is(this.buf, c, RUN)) {
      this.ours = c.valueLength === this.runId.length && this.buf.compare(this.runId, 0, this.runId.length, c.valueStart, c.valueStart + c.valueLength) === 0;
    }
  };
}

/** Key equality, length first (most keys differ in length from "surge-at"). */
function is(buf: Buffer, c: HeaderCursor, name: Buffer): boolean {
  if (c.keyLength !== name.length) return false;
  for (let i = c.keyLength - 1; i >= 0; i--) if (buf[c.keyStart + i] !== name[i]) return false;
  return true;
}
