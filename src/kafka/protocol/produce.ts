/**
 * Produce v7 (the newest non-flexible version; Kafka 2.1 to 4.x accept it): the request body for
 * batches of several partitions, written into one buffer sized first, and the answer's error code
 * and base offset per partition.
 */
import type { BatchFields } from "./record-batch.ts";
import { BATCH_HEADER_BYTES, RecordSizes, writeBatch, writeRecords } from "./record-batch.ts";
import { compress } from "./compression.ts";
import { Reader } from "./reader.ts";
import { Writer } from "./writer.ts";

export const PRODUCE_API_KEY = 0;
export const PRODUCE_VERSION = 7;

export interface PartitionBatch extends BatchFields {
  partition: number;
}

export interface ProduceRequest {
  acks: 0 | 1 | -1;
  /** The broker's own wait for replicas (ms). */
  timeoutMs: number;
  /** 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
  codec: number;
  topics: ReadonlyArray<{ topic: string; partitions: readonly PartitionBatch[] }>;
}

export interface PartitionAnswer {
  topic: string;
  partition: number;
  errorCode: number;
  baseOffset: bigint;
}

/** Reused between requests (measuring and writing are synchronous): one per partition of a request. */
const pool: RecordSizes[] = [];
const sizesAt = (k: number): RecordSizes => (pool[k] ??= new RecordSizes());

/**
 * The request body (after the request header), at offset `room` of the buffer returned (the
 * connection writes the frame's header there: no copy). Compressed batches are compressed first,
 * then one pass writes all.
 */
export async function encodeProduce(
  req: ProduceRequest,
  room = 0,
  alloc: (size: number) => Buffer = Buffer.allocUnsafe,
): Promise<Buffer> {
  if (req.codec === 0) return writeProduce(req, undefined, room, alloc);
  const compressed: Buffer[] = [];
  for (const t of req.topics) for (const p of t.partitions) compressed.push(await compress(req.codec, recordsAlone(p)));
  return writeProduce(req, compressed, room, alloc);
}

/** The uncompressed records section of one batch, for the codec. */
function recordsAlone(p: PartitionBatch): Buffer {
  const sizes = sizesAt(0);
  const w = new Writer(Buffer.allocUnsafe(sizes.measure(p.records)));
  writeRecords(w, p.records, sizes);
  return w.buf;
}

function writeProduce(
  req: ProduceRequest,
  compressed: Buffer[] | undefined,
  room: number,
  alloc: (size: number) => Buffer,
): Buffer {
  // Pass 1: sizes.
  let size = 2 + 2 + 4 + 4;
  let k = 0;
  for (const t of req.topics) {
    size += 2 + Buffer.byteLength(t.topic) + 4;
    for (const p of t.partitions) {
      const body = compressed ? compressed[k]!.length : sizesAt(k).measure(p.records);
      k++;
      size += 4 + 4 + BATCH_HEADER_BYTES + body;
    }
  }
  // Pass 2: write.
  const w = new Writer(alloc(room + size));
  w.pos = room;
  w.int16(-1); // transactional id: null
  w.int16(req.acks);
  w.int32(req.timeoutMs);
  w.int32(req.topics.length);
  k = 0;
  for (const t of req.topics) {
    w.string(t.topic);
    w.int32(t.partitions.length);
    for (const p of t.partitions) {
      w.int32(p.partition);
      const lengthAt = w.pos;
      w.int32(0);
      const written = compressed
        ? writeBatch(w, p, req.codec, { compressed: compressed[k]! })
        : writeBatch(w, p, 0, { sizes: sizesAt(k) });
      k++;
      w.buf.writeInt32BE(written, lengthAt);
    }
  }
  if (w.pos !== room + size) throw new Error(`produce request: wrote ${w.pos - room} bytes of ${size} measured`);
  return w.buf;
}

/** Produce response v7: per partition its error code and base offset (later fields skipped). */
export function decodeProduceResponse(body: Buffer): PartitionAnswer[] {
  const r = new Reader(body);
  const out: PartitionAnswer[] = [];
  const topics = r.int32();
  for (let t = 0; t < topics; t++) {
    const topic = r.string();
    const partitions = r.int32();
    for (let i = 0; i < partitions; i++) {
      const partition = r.int32();
      const errorCode = r.int16();
      const baseOffset = r.int64();
      r.skip(8 + 8); // log append time, log start offset
      out.push({ topic, partition, errorCode, baseOffset });
    }
  }
  r.int32(); // throttle time: read so that a short answer is caught
  return out;
}
