/** The sender's settings (from the run's flags) and its fixed limits. */

export type { Partitioner } from "../partitioners.ts";
import type { Partitioner } from "../partitioners.ts";

export interface SenderOptions {
  acks: 0 | 1 | -1;
  /** 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
  codec: number;
  requestTimeoutMs: number;
  deliveryTimeoutMs: number;
  /** Metadata and producer-id requests: another broker is asked when one does not answer this fast. */
  metadataTimeoutMs: number;
  /** Tries of one batch at most (--retries + 1). */
  maxAttempts: number;
  /** A partition's records go out once they reach this many bytes (--batch-size)... */
  batchBytes: number;
  /** ... or the oldest waited this long (--linger-ms). */
  lingerMs: number;
  /** A batch formed from a backlog grows up to this (estimated bytes; Kafka refuses > 1 MiB). */
  maxBatchBytes: number;
  partitioner: Partitioner;
  /** Producer id and sequences on every batch, up to 5 batches in flight per partition. */
  idempotent: boolean;
}

/** Java's max.in.flight.requests.per.connection, and the cap with idempotence per partition. */
export const MAX_IN_FLIGHT = 5;
/** One request carries at most this much; other partitions go in the next one. */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
/**
 * Records held for partitions that cannot be written now (leader dead, frozen or moving) while the
 * others go on, like the Java client's buffer.memory.
 */
export const BUFFER_MAX_BYTES = 64 * 1024 * 1024;
/** A batch's estimated bytes at most: Kafka refuses batches over message.max.bytes (1,048,588 by default). */
export const MAX_BATCH_BYTES = 1_000_000;
