/**
 * Decodes a Fetch v4 answer straight from its bytes: per partition the error and the record
 * batches (v2), and per record only its offset, timestamp and where its value and headers lie.
 * No object per record and no copies: verify (surge-facts.ts) and --e2e's read-back (e2e/at-header.ts)
 * read headers in place.
 */
import kafkajs from "kafkajs";
import { Reader } from "./reader.ts";

export interface FetchedPartition {
  topic: string;
  partition: number;
  errorCode: number;
  highWatermark: number;
  /** Record batches as the broker sent them (the last one may be cut short). */
  records: Buffer | undefined;
}

export function decodeFetchV4(payload: Buffer): FetchedPartition[] {
  const r = new Reader(payload);
  r.int32(); // throttle time
  const out: FetchedPartition[] = [];
  const topics = r.int32();
  for (let t = 0; t < topics; t++) {
    const topic = r.string();
    const partitions = r.int32();
    for (let p = 0; p < partitions; p++) {
      const partition = r.int32();
      const errorCode = r.int16();
      const highWatermark = Number(r.int64());
      r.int64(); // last stable offset
      const aborted = r.int32();
      if (aborted > 0) r.skip(16 * aborted);
      const size = r.int32();
      const records = size > 0 ? payload.subarray(r.pos, r.pos + size) : undefined;
      if (size > 0) r.skip(size);
      out.push({ topic, partition, errorCode, highWatermark, records });
    }
  }
  return out;
}

/** Where one record's parts are in `buf` (valid only during the callback). */
export interface RecordView {
  buf: Buffer;
  offset: number;
  timestampMs: number;
  valueStart: number;
  /** -1 for a null value. */
  valueLength: number;
  headersStart: number;
  headerCount: number;
}

export type OnRecord = (view: RecordView) => void;

/** Reading position of the varint decoder (module-level: no object per call). */
let pos = 0;

/** A zigzag varint (int32 range) at `pos`. */
function varint(buf: Buffer): number {
  let shift = 0;
  let value = 0;
  for (;;) {
    const b = buf[pos++]!;
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
  }
  // Zigzag: (n >>> 1) ^ -(n & 1), in float arithmetic so 64-bit deltas stay exact up to 2^53.
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

/**
 * Every record of `records` with from <= offset < to, in order. Returns the offset after the last
 * complete batch (where the next fetch starts), or `from` when no batch was complete.
 */
export async function eachRecord(records: Buffer, from: number, to: number, onRecord: OnRecord): Promise<number> {
  let next = from;
  let at = 0;
  const view: RecordView = {
    buf: records,
    offset: 0,
    timestampMs: 0,
    valueStart: 0,
    valueLength: 0,
    headersStart: 0,
    headerCount: 0,
  };
  while (at + 61 <= records.length) {
    const baseOffset = Number(records.readBigInt64BE(at));
    const length = records.readInt32BE(at + 8);
    const end = at + 12 + length;
    if (end > records.length) break;
    const magic = records.readInt8(at + 16);
    if (magic !== 2)
      throw new Error(
        `record batch format v${magic} at offset ${baseOffset}: surge reads v2 (Kafka 0.11 and later) only`,
      );
    const attributes = records.readInt16BE(at + 21);
    const lastOffsetDelta = records.readInt32BE(at + 23);
    const firstTimestamp = Number(records.readBigInt64BE(at + 27));
    const count = records.readInt32BE(at + 57);
    const batchEnd = baseOffset + lastOffsetDelta + 1;
    const control = (attributes & 0x20) !== 0;
    if (!control && batchEnd > from && baseOffset < to) {
      const codec = attributes & 0x07;
      let body = records.subarray(at + 61, end);
      if (codec !== 0) body = await decompress(codec, body);
      view.buf = body;
      pos = 0;
      for (let i = 0; i < count && pos < body.length; i++) {
        const recordLength = varint(body);
        const recordEnd = pos + recordLength;
        pos += 1; // attributes
        const timestampDelta = varint(body);
        const offset = baseOffset + varint(body);
        if (offset >= from && offset < to) {
          const keyLength = varint(body);
          if (keyLength > 0) pos += keyLength;
          const valueLength = varint(body);
          view.valueStart = pos;
          view.valueLength = valueLength;
          if (valueLength > 0) pos += valueLength;
          view.headerCount = varint(body);
          view.headersStart = pos;
          view.offset = offset;
          view.timestampMs = firstTimestamp + timestampDelta;
          onRecord(view);
        }
        pos = recordEnd;
      }
    }
    next = Math.max(next, batchEnd);
    at = end;
  }
  return next;
}

/** The header `index`-th after `view.headersStart`: key and value positions; call in order. */
export interface HeaderCursor {
  keyStart: number;
  keyLength: number;
  valueStart: number;
  valueLength: number;
}

/** Calls `onHeader` for each header of the record; positions are in view.buf. */
export function eachHeader(view: RecordView, cursor: HeaderCursor, onHeader: (c: HeaderCursor) => void): void {
  pos = view.headersStart;
  const buf = view.buf;
  for (let h = 0; h < view.headerCount; h++) {
    cursor.keyLength = varint(buf);
    cursor.keyStart = pos;
    pos += cursor.keyLength;
    cursor.valueLength = varint(buf);
    cursor.valueStart = pos;
    if (cursor.valueLength > 0) pos += cursor.valueLength;
    const after = pos;
    onHeader(cursor);
    pos = after;
  }
}

const { CompressionCodecs } = kafkajs;

async function decompress(codec: number, body: Buffer): Promise<Buffer> {
  const make = (
    CompressionCodecs as unknown as Record<number, (() => { decompress(b: Buffer): Promise<Buffer> }) | undefined>
  )[codec];
  if (!make) throw new Error(`records compressed with codec ${codec}, which this build of surge cannot read`);
  return make().decompress(body);
}
