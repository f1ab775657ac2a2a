/**
 * One partition's queue: records wait in send order, at most one batch of them is in flight, and
 * a batch that failed is sent again whole (same records, same sequence) before anything after it,
 * so a device's records keep their order within the partition whatever the retries do.
 */
import type { Identity } from "./producer-identity.ts";

export interface OutMessage {
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

/** Records of one partition that failed together. */
export interface PartialFailure {
  code: string;
  message: string;
  /** Positions in the records of the send they came from. */
  indices: number[];
}

/** One caller's send; resolves once every chunk of it is acked or failed. */
export interface SendOp {
  remaining: number;
  failures: PartialFailure[];
  resolve(failures: PartialFailure[]): void;
  /** Told of each partition's records as they are acked or failed (then not in `failures`). */
  report?: PartReporter;
}

export type PartReporter = (indices: readonly number[], failure?: { code: string; message: string }) => void;

/** The part of a send bound for one partition. */
export interface Chunk {
  op: SendOp;
  indices: number[];
  messages: OutMessage[];
  bytes: number;
  /** Delivery deadline (epoch ms), from when the caller handed the records over. */
  deadlineMs: number;
}

export interface Batch {
  chunks: Chunk[];
  messages: OutMessage[];
  deadlineMs: number;
  identity: Identity | undefined;
  firstSequence: number;
  attempts: number;
  lastError: { code: string; message: string };
}

export interface Attempt {
  lane: PartitionLane;
  batch: Batch;
  nodeId: number;
  sentMs: number;
  /** Given up on (timed out, or the partition moved to another leader): its answer is ignored. */
  abandoned: boolean;
}

export class PartitionLane {
  queue: Chunk[] = [];
  batch: Batch | undefined;
  inFlight: Attempt | undefined;
  retryAtMs = 0;

  constructor(readonly topic: string, readonly partition: number) {}

  get hasWork(): boolean {
    return this.batch !== undefined || this.queue.length > 0;
  }

  /** Forms the next batch from the queue (at least one chunk, then up to maxBytes). */
  formBatch(maxBytes: number, identity: Identity | undefined, takeSequence: (count: number) => number): Batch {
    const chunks: Chunk[] = [];
    let bytes = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (chunks.length > 0 && bytes + next.bytes > maxBytes) break;
      chunks.push(next);
      bytes += next.bytes;
      this.queue.shift();
    }
    const messages = chunks.length === 1 ? chunks[0]!.messages : chunks.flatMap((c) => c.messages);
    const batch: Batch = {
      chunks,
      messages,
      deadlineMs: Math.min(...chunks.map((c) => c.deadlineMs)),
      identity,
      firstSequence: identity ? takeSequence(messages.length) : 0,
      attempts: 0,
      lastError: { code: "", message: "" },
    };
    this.batch = batch;
    return batch;
  }
}

/** Marks every record of `chunks` done, failed with `failure` when given. */
export function settleChunks(chunks: readonly Chunk[], failure?: { code: string; message: string }): void {
  for (const chunk of chunks) {
    if (chunk.op.report) chunk.op.report(chunk.indices, failure);
    else if (failure) chunk.op.failures.push({ code: failure.code, message: failure.message, indices: chunk.indices });
    chunk.op.remaining -= chunk.indices.length;
    if (chunk.op.remaining === 0) chunk.op.resolve(chunk.op.failures);
  }
}
