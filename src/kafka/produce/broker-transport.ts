/**
 * The sender's Transport over surge's own connections (src/kafka/connection): per broker one
 * connection for Produce and one for metadata and producer ids, so a refresh never waits behind
 * megabytes of records. Produce requests are encoded straight into the frame that is written.
 */
import type { Transport } from "./transport.ts";
import { BrokerConnection } from "../connection/broker-connection.ts";
import type { ConnectionConfig } from "../connection/broker-connection.ts";
import { connectionError } from "../connection/errors.ts";
import { BufferPool } from "../protocol/buffer-pool.ts";
import { API_VERSIONS_API_KEY, API_VERSIONS_VERSION, decodeApiVersionsResponse } from "../protocol/api-versions.ts";
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

interface Node {
  host: string;
  port: number;
  produce?: BrokerConnection | undefined;
  control?: BrokerConnection | undefined;
  /** The produce connection's ApiVersions check, once per connection. */
  checked?: Promise<void> | undefined;
}

export interface BrokerTransportConfig extends ConnectionConfig {
  /** Metadata and producer-id requests give up on a broker after this long (another is asked). */
  controlTimeoutMs: number;
}

export class BrokerTransport implements Transport {
  private readonly nodes = new Map<number, Node>();
  private readonly seeds: BrokerConnection[];
  private readonly buffers = new BufferPool();

  constructor(
    bootstrap: readonly string[],
    private readonly config: BrokerTransportConfig,
  ) {
    this.seeds = bootstrap.map((address) => {
      const at = address.lastIndexOf(":");
      return this.connection(address.slice(0, at), Number(address.slice(at + 1)));
    });
  }

  async produce(nodeId: number, request: ProduceRequest): Promise<PartitionAnswer[]> {
    const node = this.nodes.get(nodeId);
    if (!node) throw connectionError("BROKER_NOT_FOUND", `broker ${nodeId} is not in the metadata`);
    if (!node.produce || node.produce.closed) {
      node.produce = this.connection(node.host, node.port);
      node.checked = checkVersions(node.produce, nodeId);
      node.checked.catch(() => undefined); // awaited below unless the connect fails first
    }
    const connection = node.produce;
    await connection.open();
    await node.checked;
    // Compressed records are made first; then one buffer holds the frame, header and body.
    const frame = await encodeProduce(request, connection.headerBytes, (size) => this.buffers.take(size));
    const answer = await connection.request(PRODUCE_API_KEY, PRODUCE_VERSION, frame, {
      framed: true,
      written: () => this.buffers.give(frame),
      expectResponse: request.acks !== 0,
      timeoutMs: 0, // the sender's watchdog keeps --request-timeout and closes the connection
    });
    return answer ? decodeProduceResponse(answer) : [];
  }

  async metadata(topics: readonly string[], isUp: (nodeId: number) => boolean): Promise<MetadataAnswer> {
    let last: unknown = connectionError("CONNECTION_ERROR", "no broker known");
    for (const connection of this.candidates(isUp)) {
      try {
        const raw = await this.control(connection, METADATA_API_KEY, METADATA_VERSION, encodeMetadata(topics));
        const answer = decodeMetadataResponse(raw);
        this.learn(answer);
        return answer;
      } catch (error) {
        if ((error as { retriable?: boolean }).retriable === false) throw error;
        last = error;
      }
    }
    throw last;
  }

  async initProducerId(isUp: (nodeId: number) => boolean): Promise<ProducerIdAnswer> {
    const [first] = this.candidates(isUp);
    if (!first) throw connectionError("CONNECTION_ERROR", "no broker known");
    const raw = await this.control(first, INIT_PRODUCER_ID_API_KEY, INIT_PRODUCER_ID_VERSION, encodeInitProducerId());
    return decodeInitProducerIdResponse(raw);
  }

  abandon(nodeId: number): void {
    const node = this.nodes.get(nodeId);
    if (!node) return;
    const why = `connection to broker ${nodeId} closed: a request went unanswered`;
    node.produce?.close(true, why);
    node.control?.close(true, why);
  }

  addressOf(nodeId: number): string {
    const node = this.nodes.get(nodeId);
    return node ? `${node.host}:${node.port}` : `node ${nodeId}`;
  }

  brokerCount(): number {
    return Math.max(1, this.nodes.size);
  }

  close(): void {
    for (const node of this.nodes.values()) {
      node.produce?.close(false);
      node.control?.close(false);
    }
    for (const seed of this.seeds) seed.close(false);
  }

  private connection(host: string, port: number): BrokerConnection {
    return new BrokerConnection(host, port, this.config);
  }

  private async control(connection: BrokerConnection, apiKey: number, version: number, body: Buffer): Promise<Buffer> {
    const answer = await connection.request(apiKey, version, body, { timeoutMs: this.config.controlTimeoutMs });
    return answer!;
  }

  /** New or moved brokers get new connections; the old ones close. */
  private learn(answer: MetadataAnswer): void {
    for (const b of answer.brokers) {
      const known = this.nodes.get(b.nodeId);
      if (known && known.host === b.host && known.port === b.port) continue;
      known?.produce?.close(false, `broker ${b.nodeId} moved to ${b.host}:${b.port}`);
      known?.control?.close(false, `broker ${b.nodeId} moved to ${b.host}:${b.port}`);
      this.nodes.set(b.nodeId, { host: b.host, port: b.port });
    }
  }

  /** Brokers believed up first (in random order, to spread the load), then the bootstrap addresses. */
  private candidates(isUp: (nodeId: number) => boolean): BrokerConnection[] {
    const ids = [...this.nodes.keys()];
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    ids.sort((a, b) => Number(isUp(b)) - Number(isUp(a)));
    const known = ids.map((id) => {
      const node = this.nodes.get(id)!;
      if (!node.control || node.control.closed) node.control = this.connection(node.host, node.port);
      return node.control;
    });
    for (let i = 0; i < this.seeds.length; i++)
      if (this.seeds[i]!.closed) this.seeds[i] = this.connection(this.seeds[i]!.host, this.seeds[i]!.port);
    return [...known, ...this.seeds];
  }
}

/** Refuses a broker that cannot take Produce v7, with the versions it speaks. */
async function checkVersions(connection: BrokerConnection, nodeId: number): Promise<void> {
  const raw = await connection.request(API_VERSIONS_API_KEY, API_VERSIONS_VERSION, Buffer.alloc(0));
  const speaks = decodeApiVersionsResponse(raw!).apis.get(PRODUCE_API_KEY);
  if (speaks && speaks.max < PRODUCE_VERSION)
    throw connectionError(
      "UNSUPPORTED_VERSION",
      `broker ${nodeId} speaks Produce up to v${speaks.max}; surge needs v${PRODUCE_VERSION} (Kafka 2.1 or newer)`,
      false,
    );
}
