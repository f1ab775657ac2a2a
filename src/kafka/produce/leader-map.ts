/**
 * Which broker leads each partition, read with metadata requests whose per-topic and
 * per-partition errors are kept apart (kafkajs fails the whole refresh on any one of them, so a
 * deleted topic or a partition between leaders stalled every topic).
 */
import type { BrokerHealth } from "./broker-health.ts";
import type { BrokerLike, ClusterLike } from "./kafkajs-internals.ts";
import { errorOfCode, sendDecoded } from "./kafkajs-internals.ts";
import { withTimeout } from "./with-timeout.ts";

export interface TopicLayout {
  /** 0, or the broker's error for the whole topic (UNKNOWN_TOPIC_OR_PARTITION when it does not exist). */
  errorCode: number;
  /** Leader node id per partition id; -1 while a partition has none. */
  leaders: number[];
  /** The shape kafkajs's partitioners expect. */
  partitionMetadata: Array<{ partitionId: number; leader: number }>;
}

interface DecodedMetadata {
  brokers: Array<{ nodeId: number; host: string; port: number }>;
  topicMetadata: Array<{
    topicErrorCode: number;
    topic: string;
    partitionMetadata: Array<{ partitionErrorCode: number; partitionId: number; leader: number }>;
  }>;
}

export class LeaderMap {
  private readonly topics = new Map<string, TopicLayout>();
  private inProgress: Promise<void> | undefined;
  private lastError = "";

  constructor(
    private readonly cluster: ClusterLike,
    private readonly health: BrokerHealth,
    private readonly timeoutMs: number,
  ) {}

  layout(topic: string): TopicLayout | undefined {
    return this.topics.get(topic);
  }

  leaderOf(topic: string, partition: number): number {
    return this.topics.get(topic)?.leaders[partition] ?? -1;
  }

  /** Why the last refresh failed ("" when it worked). */
  get failure(): string {
    return this.lastError;
  }

  /** Reads the leaders of `topics` (one refresh at a time; callers arriving meanwhile share it). */
  refresh(topics: readonly string[]): Promise<void> {
    this.inProgress ??= this.readFromAnyBroker([...topics]).finally(() => (this.inProgress = undefined));
    return this.inProgress;
  }

  private async readFromAnyBroker(topics: string[]): Promise<void> {
    const errors: string[] = [];
    for (const broker of this.candidates()) {
      try {
        const decoded = await withTimeout(this.read(broker, topics), this.timeoutMs, "metadata request");
        this.apply(decoded);
        this.lastError = "";
        return;
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    this.lastError = errors.at(-1) ?? "no broker known";
  }

  private async read(broker: BrokerLike | number, topics: string[]): Promise<DecodedMetadata> {
    const connected = typeof broker === "number" ? await this.cluster.findBroker({ nodeId: broker }) : broker;
    const decoded = (await sendDecoded(connected, "Metadata", { topics, allowAutoTopicCreation: false })) as DecodedMetadata;
    const pool = this.cluster.brokerPool.brokers;
    const moved = decoded.brokers.some((b) => {
      const known = pool[String(b.nodeId)];
      return !known || known.connectionPool.host !== b.host || known.connectionPool.port !== b.port;
    });
    // New or moved brokers: let kafkajs's pool build their connections (it asks for no topics).
    if (moved) await this.cluster.brokerPool.refreshMetadata([]);
    return decoded;
  }

  /** Brokers believed up first, the seed broker last. */
  private candidates(): Array<BrokerLike | number> {
    const ids = Object.keys(this.cluster.brokerPool.brokers).map(Number);
    ids.sort((a, b) => Number(this.health.isUp(b)) - Number(this.health.isUp(a)));
    const seed = this.cluster.brokerPool.seedBroker;
    return seed && seed.isConnected() ? [...ids, seed] : ids.length > 0 ? ids : seed ? [seed] : [];
  }

  private apply(decoded: DecodedMetadata): void {
    for (const t of decoded.topicMetadata) {
      if (t.topicErrorCode !== 0 && errorOfCode(t.topicErrorCode).type !== "LEADER_NOT_AVAILABLE") {
        this.topics.set(t.topic, { errorCode: t.topicErrorCode, leaders: [], partitionMetadata: [] });
        continue;
      }
      const leaders: number[] = [];
      for (const p of t.partitionMetadata) leaders[p.partitionId] = p.partitionErrorCode === 0 ? p.leader : -1;
      for (let i = 0; i < leaders.length; i++) leaders[i] ??= -1;
      const partitionMetadata = leaders.map((leader, partitionId) => ({ partitionId, leader }));
      this.topics.set(t.topic, { errorCode: 0, leaders, partitionMetadata });
    }
  }
}
