/**
 * The sender's Transport over kafkajs's broker connections: surge encodes every request and
 * decodes every answer itself (src/kafka/protocol); kafkajs only carries the bytes (TLS, SASL,
 * correlation). Connect and request errors stay kafkajs's, which classify-error.ts names.
 */
import type { ClusterLike, BrokerLike } from "./kafkajs-internals.ts";
import { closeConnections, sendRaw } from "./kafkajs-internals.ts";
import type { Transport } from "./transport.ts";
import { decodeMetadataResponse, encodeMetadata, METADATA_API_KEY, METADATA_VERSION } from "../protocol/metadata.ts";
import type { MetadataAnswer } from "../protocol/metadata.ts";
import { decodeProduceResponse, encodeProduce, PRODUCE_API_KEY, PRODUCE_VERSION } from "../protocol/produce.ts";
import type { PartitionAnswer, ProduceRequest } from "../protocol/produce.ts";
import {
  decodeInitProducerIdResponse,
  encodeInitProducerId,
  INIT_PRODUCER_ID_API_KEY,
  INIT_PRODUCER_ID_VERSION,
} from "../protocol/init-producer-id.ts";
import type { ProducerIdAnswer } from "../protocol/init-producer-id.ts";

export class KafkajsTransport implements Transport {
  constructor(private readonly cluster: ClusterLike) {}

  async produce(nodeId: number, request: ProduceRequest): Promise<PartitionAnswer[]> {
    const broker = await this.cluster.findBroker({ nodeId });
    const speaks = broker.versions?.[String(PRODUCE_API_KEY)];
    if (speaks && speaks.maxVersion < PRODUCE_VERSION) {
      throw Object.assign(
        new Error(
          `broker ${nodeId} speaks Produce up to v${speaks.maxVersion}; surge needs v${PRODUCE_VERSION} (Kafka 2.1 or newer)`,
        ),
        { type: "UNSUPPORTED_VERSION", retriable: false },
      );
    }
    const body = await encodeProduce(request);
    const answer = await sendRaw(broker, PRODUCE_API_KEY, PRODUCE_VERSION, "Produce", body, request.acks !== 0);
    return answer ? decodeProduceResponse(answer) : [];
  }

  async metadata(topics: readonly string[], isUp: (nodeId: number) => boolean): Promise<MetadataAnswer> {
    const errors: string[] = [];
    for (const broker of this.candidates(isUp)) {
      try {
        const connected = typeof broker === "number" ? await this.cluster.findBroker({ nodeId: broker }) : broker;
        const raw = await sendRaw(connected, METADATA_API_KEY, METADATA_VERSION, "Metadata", encodeMetadata(topics));
        const answer = decodeMetadataResponse(raw!);
        await this.learnBrokers(answer);
        return answer;
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    throw new Error(errors.at(-1) ?? "no broker known");
  }

  async initProducerId(isUp: (nodeId: number) => boolean): Promise<ProducerIdAnswer> {
    const [first] = this.candidates(isUp);
    if (first === undefined) throw new Error("no broker known");
    const broker = typeof first === "number" ? await this.cluster.findBroker({ nodeId: first }) : first;
    const raw = await sendRaw(
      broker,
      INIT_PRODUCER_ID_API_KEY,
      INIT_PRODUCER_ID_VERSION,
      "InitProducerId",
      encodeInitProducerId(),
    );
    return decodeInitProducerIdResponse(raw!);
  }

  abandon(nodeId: number): void {
    const broker = this.cluster.brokerPool.brokers[String(nodeId)];
    if (broker) closeConnections(broker, `connection to broker ${nodeId} closed: a request went unanswered`);
  }

  addressOf(nodeId: number): string {
    const broker = this.cluster.brokerPool.brokers[String(nodeId)];
    return broker ? `${broker.connectionPool.host}:${broker.connectionPool.port}` : `node ${nodeId}`;
  }

  brokerCount(): number {
    return Math.max(1, Object.keys(this.cluster.brokerPool.brokers).length);
  }

  /** New or moved brokers: let kafkajs's pool build their connections (it asks for no topics). */
  private async learnBrokers(answer: MetadataAnswer): Promise<void> {
    const pool = this.cluster.brokerPool.brokers;
    const moved = answer.brokers.some((b) => {
      const known = pool[String(b.nodeId)];
      return !known || known.connectionPool.host !== b.host || known.connectionPool.port !== b.port;
    });
    if (moved) await this.cluster.brokerPool.refreshMetadata([]);
  }

  /** Brokers believed up first (in random order, to spread the load), the seed broker last. */
  private candidates(isUp: (nodeId: number) => boolean): Array<BrokerLike | number> {
    const ids = Object.keys(this.cluster.brokerPool.brokers).map(Number);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    ids.sort((a, b) => Number(isUp(b)) - Number(isUp(a)));
    const seed = this.cluster.brokerPool.seedBroker;
    return seed && seed.isConnected() ? [...ids, seed] : ids.length > 0 ? ids : seed ? [seed] : [];
  }
}
