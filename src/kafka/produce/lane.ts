/**
 * One partition's state: records handed over and not yet in a batch (in send order), the batches
 * formed and not yet acked (in sequence order), and how many are in flight. A failed batch is
 * sent again whole, before anything after it, so a device's records keep their order.
 */
import { EncodedRecords, type EncodedPart } from "../protocol/encoded-records.ts";

/** Records of one send that failed together. */
export interface PartialFailure {
  code: string;
  message: string;
  /** Positions in the records of the send they came from. */
  indices: number[];
}

export type PartReporter = (indices: readonly number[], failure?: { code: string; message: string }) => void;

/** One caller's send; resolves once every chunk of it is acked or failed. */
export interface SendOp {
  remaining: number;
  failures: PartialFailure[];
  resolve(failures: PartialFailure[]): void;
  report?: PartReporter;
}

/** The part of a send bound for one partition. */
export interface Chunk {
  op: SendOp;
  indices: number[];
  /** Its records, encoded when handed over (the record objects are not kept). */
  encoded: EncodedPart;
  bytes: number;
  /** Delivery deadline (epoch ms), from when the caller handed the records over. */
  deadlineMs: number;
  /** When the records were handed over (linger counts from here). */
  addedMs: number;
}

export interface Batch {
  chunks: Chunk[];
  records: EncodedRecords;
  bytes: number;
  deadlineMs: number;
  timestampMs: number;
  /** Producer id generation the sequence belongs to (0 without idempotence). */
  generation: number;
  firstSequence: number;
  attempts: number;
  lastError: { code: string; message: string };
  /** The request it is in, while in flight. */
  inFlight: boolean;
}

export class Lane {
  open: Chunk[] = [];
  openBytes = 0;
  /** Formed, not acked, in order; the first ones may be in flight. */
  batches: Batch[] = [];
  inFlight = 0;
  retryAtMs = 0;
  /** A batch failed: resend in order, one at a time, until an answer is OK. */
  recovering = false;
  /** An answer was OK since the last failure (idempotence then allows several in flight). */
  okSeen = false;
  /** Next sequence, and the producer id generation it counts under. */
  nextSequence = 0;
  generation = 0;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  get hasWork(): boolean {
    return this.batches.length > 0 || this.open.length > 0;
  }

  /** The first formed batch not in flight (a retry, or one formed earlier), if it is next in order. */
  nextFormed(): Batch | undefined {
    for (const b of this.batches) if (!b.inFlight) return b;
    return undefined;
  }

  /** Forms a batch from the open records (at least one chunk, then up to maxBytes). */
  form(maxBytes: number, nowMs: number, generation: number, sequenced: boolean): Batch {
    const chunks: Chunk[] = [];
    let bytes = 0;
    let deadlineMs = Infinity;
    while (this.open.length > 0) {
      const next = this.open[0]!;
      if (chunks.length > 0 && bytes + next.bytes > maxBytes) break;
      chunks.push(next);
      bytes += next.bytes;
      if (next.deadlineMs < deadlineMs) deadlineMs = next.deadlineMs;
      this.open.shift();
    }
    this.openBytes -= bytes;
    const records = new EncodedRecords();
    for (const c of chunks) records.add(c.encoded);
    const batch: Batch = {
      chunks,
      records,
      bytes,
      deadlineMs,
      timestampMs: nowMs,
      generation,
      firstSequence: sequenced ? this.nextSequence : -1,
      attempts: 0,
      lastError: { code: "", message: "" },
      inFlight: false,
    };
    if (sequenced) this.nextSequence = (this.nextSequence + records.length) % 2 ** 31;
    this.batches.push(batch);
    return batch;
  }

  /** A new producer id: every batch not acked is numbered again from 0, in order. */
  resequence(generation: number): void {
    this.generation = generation;
    this.nextSequence = 0;
    for (const b of this.batches) {
      b.generation = generation;
      b.firstSequence = this.nextSequence;
      this.nextSequence = (this.nextSequence + b.records.length) % 2 ** 31;
    }
  }

  remove(batch: Batch): void {
    const i = this.batches.indexOf(batch);
    if (i >= 0) this.batches.splice(i, 1);
  }
}

/** Marks every record of `chunks` done, failed with `failure` when given. */
export function settleChunks(chunks: readonly Chunk[], failure?: { code: string; message: string }): void {
  for (const chunk of chunks) {
    chunk.encoded.release();
    if (chunk.op.report) chunk.op.report(chunk.indices, failure);
    else if (failure) chunk.op.failures.push({ code: failure.code, message: failure.message, indices: chunk.indices });
    chunk.op.remaining -= chunk.indices.length;
    if (chunk.op.remaining === 0) chunk.op.resolve(chunk.op.failures);
  }
}
