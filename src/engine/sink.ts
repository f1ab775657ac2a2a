/** What the engine needs from a producer: Kafka (surge's own sender), or the dry-run sink. */
import type { BrokerConnection, ConnectionState } from "./snapshot.ts";
import type { ProduceRecord } from "../common/record.ts";

/** The one record type, from the engine to the bytes on the wire. */
export type OutRecord = ProduceRecord;

export interface ProduceSink {
  /** "kafka" or "dry-run", shown to the user. */
  readonly kind: string;
  /** Connects (with the sink's own retries); rejects with a one-line, user-facing message. */
  connect(onState: (state: ConnectionState, detail?: string) => void): Promise<void>;
  /** Makes sure the topics exist; returns notes worth showing (e.g. "created topic x"). */
  prepareTopics(names: readonly string[]): Promise<string[]>;
  /**
   * Resolves when every record is acked or failed: nothing (or an empty list) when all were acked,
   * else the failed records by position with the broker's reason. Rejects when all failed alike.
   */
  send(topic: string, records: OutRecord[], report?: PartReporter): Promise<void | readonly PartialFailure[]>;
  close(): Promise<void>;
  /**
   * Room for another send, for sinks that hold records per partition: records of partitions that
   * flow stay under `flowingBytes`; a stuck partition does not block the others. Without it, at
   * most maxInFlight sends are outstanding.
   */
  accepts?(flowingBytes: number): boolean;
  /**
   * The sink batches per partition itself (--batch-size, --linger-ms): the pipeline then hands
   * records over as they are made instead of batching them a first time.
   */
  readonly batches?: boolean;
  /** The run is ending: send what is held without waiting for the linger. */
  flush?(): void;
  /** Told of connection changes as they happen (a broker down, unresponsive, back). */
  onEvent?: (message: string) => void;
  /** Told of each acked batch's first offset and record count (sinks that know offsets). */
  onAcked?: (topic: string, partition: number, baseOffset: number, count: number) => void;
  /** Each broker's connection state and since when. */
  brokerStates?(): readonly BrokerConnection[];
}

/**
 * Told, by sinks that can, of each part of a send as it is acked (no failure) or failed, so that
 * records of partitions that flow count at once while another partition waits; parts told here
 * are not in the send's result.
 */
export type PartReporter = (indices: readonly number[], failure?: DeliveryFailure) => void;

/** Records of one send that failed together. */
export interface PartialFailure extends DeliveryFailure {
  indices: readonly number[];
}

/** A rejected send, classified: `code` is the broker's error name where there is one. */
export interface DeliveryFailure {
  code: string;
  message: string;
}

/** Sends and rejects with the first failure when any record failed (for callers that count a send whole). */
export async function sendWhole(sink: ProduceSink, topic: string, records: OutRecord[]): Promise<void> {
  const failures = await sink.send(topic, records);
  const first = failures?.[0];
  if (first) throw Object.assign(new Error(first.message), { code: first.code });
}

export function toDeliveryFailure(error: unknown): DeliveryFailure {
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") {
    const message = "message" in error && typeof error.message === "string" ? error.message : error.code;
    return { code: error.code, message };
  }
  return { code: "UNKNOWN", message: error instanceof Error ? error.message : String(error) };
}
