/**
 * What the sender needs from the network, and nothing more: one produce request to a broker, a
 * metadata request to any broker, a producer id, and closing a broker's connection. The real one
 * is broker-transport.ts (surge's own connections); unit tests script a fake broker behind the same interface.
 */
import type { MetadataAnswer } from "../protocol/metadata.ts";
import type { PartitionAnswer, ProduceRequest } from "../protocol/produce.ts";
import type { ProducerIdAnswer } from "../protocol/init-producer-id.ts";

export interface Transport {
  /** Resolves with each partition's answer ([] for acks=0); rejects when no answer came (connection lost, refused). */
  produce(nodeId: number, request: ProduceRequest): Promise<PartitionAnswer[]>;
  /** Asks the brokers believed up first, then the others. */
  metadata(topics: readonly string[], isUp: (nodeId: number) => boolean): Promise<MetadataAnswer>;
  initProducerId(isUp: (nodeId: number) => boolean): Promise<ProducerIdAnswer>;
  /**
   * Closes every connection to `nodeId`: an unanswered request's answer can never arrive after
   * this (the broker handles one request per connection at a time, so a retry on the same
   * connection would wait behind the one that hangs). Pending requests on it reject.
   */
  abandon(nodeId: number): void;
  /** "host:port" of a broker, for messages. */
  addressOf(nodeId: number): string;
  /** Brokers the client knows of (the per-broker back-pressure budget scales with them). */
  brokerCount(): number;
}
