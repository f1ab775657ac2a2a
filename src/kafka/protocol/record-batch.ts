/**
 * Kafka's record batch v2 (magic 2): every record's length is computed first, then the batch is
 * written in one pass into the request's buffer and its CRC32C filled in place. No Buffer per record.
 */
import { crc32c } from "./crc32c.ts";
import type { Writer } from "./writer.ts";
import { utf8Length, varintSize } from "./writer.ts";
import { headersSize, writeHeaders } from "./record-headers.ts";

import type { ProduceRecord } from "../../common/record.ts";
import { valueBytesOf } from "../../common/record.ts";
import { EncodedRecords } from "./encoded-records.ts";

export type { ProduceRecord };

/** A batch's records: as made, or encoded when they were handed over (encoded-records.ts). */
export type RecordList = readonly ProduceRecord[] | EncodedRecords;

export interface BatchFields {
  records: RecordList;
  /** Every record's timestamp (epoch ms): a batch is stamped when it is formed. */
  timestampMs: number;
  /** -1 without idempotence. */
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  /** Java sends -1 (brokers ignore it on produce); kafkajs sends 0. */
  partitionLeaderEpoch?: number;
}

/** baseOffset .. recordCount. */
export const BATCH_HEADER_BYTES = 61;

/**
 * Sizes of the records of one batch, measured once: per record its body length, key length and
 * value length (three Int32 slots), and the encoded size of them all.
 */
export class RecordSizes {
  lengths = new Int32Array(3 * 1024);
  total = 0;

  measure(records: RecordList): number {
    if (this.lengths.length < records.length * 3) this.lengths = new Int32Array(records.length * 6);
    if (records instanceof EncodedRecords) return (this.total = records.measure(this.lengths));
    const l = this.lengths;
    let total = 0;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const keyBytes = utf8Length(r.key);
      const valueBytes = valueBytesOf(r);
      // attributes + timestampDelta (0) + offsetDelta + key + value + headers
      let body = 1 + 1 + varintSize(i) + varintSize(keyBytes) + keyBytes + varintSize(valueBytes) + valueBytes;
      body += headersSize(r);
      l[3 * i] = body;
      l[3 * i + 1] = keyBytes;
      l[3 * i + 2] = valueBytes;
      total += varintSize(body) + body;
    }
    this.total = total;
    return total;
  }
}

/** Writes the records section measured in `sizes` (offset deltas from 0, timestamp deltas 0). */
export function writeRecords(w: Writer, records: RecordList, sizes: RecordSizes): void {
  if (records instanceof EncodedRecords) return records.write(w, sizes.lengths);
  const l = sizes.lengths;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    w.varint(l[3 * i]!);
    w.int8(0);
    w.varlong(0);
    w.varint(i);
    w.varint(l[3 * i + 1]!);
    w.utf8(r.key, l[3 * i + 1]!);
    w.varint(l[3 * i + 2]!);
    if (typeof r.value === "string") w.utf8(r.value, l[3 * i + 2]!);
    else w.bytes(r.value);
    writeHeaders(w, r);
  }
}

/**
 * Writes one batch: `records` is either the measured records (uncompressed) or their compressed
 * bytes with the codec number. Returns the bytes written (BATCH_HEADER_BYTES + records part).
 */
export function writeBatch(
  w: Writer,
  f: BatchFields,
  codec: number,
  body: { sizes: RecordSizes } | { compressed: Buffer },
): number {
  const start = w.pos;
  const bodyBytes = "compressed" in body ? body.compressed.length : body.sizes.total;
  const total = BATCH_HEADER_BYTES + bodyBytes;
  w.int64(0);
  w.int32(total - 12);
  w.int32(f.partitionLeaderEpoch ?? -1);
  w.int8(2);
  const crcAt = w.pos;
  w.uint32(0);
  w.int16(codec & 0x07);
  w.int32(f.records.length - 1);
  w.int64(f.timestampMs);
  w.int64(f.timestampMs);
  w.int64(f.producerId);
  w.int16(f.producerEpoch);
  w.int32(f.baseSequence);
  w.int32(f.records.length);
  if ("compressed" in body) w.bytes(body.compressed);
  else writeRecords(w, f.records, body.sizes);
  w.buf.writeUInt32BE(crc32c(w.buf, crcAt + 4, w.pos), crcAt);
  return w.pos - start;
}
