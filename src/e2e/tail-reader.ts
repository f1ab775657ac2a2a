/**
 * The --e2e read-back without a consumer: surge's own Fetch v4 requests (one in flight per leader
 * broker, megabytes per partition) on a kafkajs cluster of its own, from the end offsets taken
 * before generation starts. Records are handed over as byte views (no object per record), so
 * reading back costs little beside producing. No group, nothing committed or left on the cluster.
 * When sampling, it reads the tail only (TailSampling): the bytes read stay bounded at any rate.
 */
import kafkajs from "kafkajs";
import type { Admin, Kafka } from "kafkajs";
import { clientConfig, type ClientSettings } from "../kafka/client-config.ts";
import { classifyError } from "../kafka/classify-error.ts";
import { registerCodecs } from "../kafka/codecs/index.ts";
import { installKafkajsFixes } from "../kafka/kafkajs-fixes.ts";
import { createCluster, type BrokerLike, type ClusterLike } from "../kafka/produce/kafkajs-internals.ts";
import { errorOfCode } from "../kafka/protocol/error-codes.ts";
import { fetchRequest } from "../kafka/protocol/fetch-request.ts";
import { decodeFetchV4, eachRecord, type RecordView } from "../kafka/protocol/fetch-response.ts";
import { sleep } from "../engine/clock.ts";

/** One record of `topic`, valid only during the call; `readMs` is when its answer arrived. */
export type RecordHandler = (topic: string, view: RecordView, readMs: number) => void;
/** Records of `topic` passed over unread (tail sampling). */
export type SkipHandler = (topic: string, records: number) => void;

/**
 * Reading the tail only: each round jumps every partition to its end offset (ListOffsets), then
 * waits with one Fetch of at most `partitionBytes` per partition for what arrives next, then
 * pauses. What is measured arrived while the reader was waiting (no backlog of its own in the
 * latency); what came in between is skipped and counted. Bytes read: at most partitions ×
 * partitionBytes per round, whatever the producing rate.
 */
export interface TailSampling {
  partitionBytes: number;
  pauseMs: number;
}

interface ListOffsetsBroker {
  listOffsets(request: {
    replicaId: number;
    isolationLevel: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number }> }>;
  }): Promise<{ responses: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> }>;
}

const PARTITION_BYTES = 4 * 1024 * 1024;
const REQUEST_BYTES = 16 * 1024 * 1024;
const MAX_WAIT_MS = 500;
const REQUEST_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 5000;
const RETRY_MS = 250;
/** A topic created a moment ago may not have its leaders yet: ask again for a while. */
const OFFSETS_PATIENCE_MS = 15_000;

interface Cursor {
  topic: string;
  partition: number;
  next: number;
}

interface Cluster extends ClusterLike {
  findTopicPartitionMetadata(topic: string): Array<{ partitionId: number; leader: number }>;
}

export class TailReader {
  private readonly kafka: Kafka;
  private admin: Admin | undefined;
  private cluster: Cluster | undefined;
  private cursors: Cursor[] = [];
  private topics: string[] = [];
  private stopped = false;
  private loop: Promise<void> | undefined;
  /** Set when reading stopped for good: why, in words. */
  problem = "";

  constructor(
    settings: ClientSettings,
    private readonly now: () => number,
    private readonly onRecord: RecordHandler,
    private readonly tail?: TailSampling & { onSkip: SkipHandler },
  ) {
    registerCodecs();
    installKafkajsFixes();
    this.kafka = new kafkajs.Kafka(clientConfig(settings));
  }

  /** Takes every partition's end offset and starts tailing from there. Rejects with a user-facing line. */
  async start(topics: readonly string[]): Promise<void> {
    const admin = this.kafka.admin();
    this.admin = admin;
    await admin.connect();
    this.topics = [...topics];
    for (const topic of topics) {
      for (const o of await patiently(() => admin.fetchTopicOffsets(topic)))
        this.cursors.push({ topic, partition: o.partition, next: Number(o.high) });
    }
    const cluster = createCluster(this.kafka) as Cluster;
    this.cluster = cluster;
    await cluster.connect();
    await cluster.brokerPool.refreshMetadata(this.topics);
    this.loop = this.run(cluster);
  }

  /** Whether every partition has been read up to the brokers' end offsets now. */
  async caughtUp(topics: readonly string[]): Promise<boolean> {
    if (!this.admin) return true;
    for (const topic of topics) {
      for (const o of await this.admin.fetchTopicOffsets(topic)) {
        const c = this.cursors.find((x) => x.topic === topic && x.partition === o.partition);
        if ((c?.next ?? 0) < Number(o.high)) return false;
      }
    }
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const close = async (): Promise<void> => {
      await this.loop?.catch(() => undefined);
      await this.cluster?.disconnect().catch(() => undefined);
      await this.admin?.disconnect().catch(() => undefined);
    };
    await Promise.race([close(), sleep(CLOSE_TIMEOUT_MS)]);
    this.cluster = undefined;
    this.admin = undefined;
  }

  /** Fetches from every leader at once, over and over, until stopped; transient errors are retried. */
  private async run(cluster: Cluster): Promise<void> {
    while (!this.stopped) {
      try {
        const byLeader = new Map<number, Cursor[]>();
        for (const c of this.cursors) {
          const leader =
            cluster.findTopicPartitionMetadata(c.topic).find((p) => p.partitionId === c.partition)?.leader ?? -1;
          byLeader.set(leader, [...(byLeader.get(leader) ?? []), c]);
        }
        if (byLeader.has(-1))
          throw Object.assign(new Error("no leader known for some partitions"), { retriable: true });
        await Promise.all([...byLeader].map(([leader, cursors]) => this.fetchOnce(cluster, leader, cursors)));
        if (this.tail) await sleep(this.tail.pauseMs);
      } catch (error) {
        if (this.stopped) return;
        const { code, message, retriable } = describe(error);
        if (!retriable) {
          this.problem = `read-back stopped: ${code} (${message})`;
          return;
        }
        await sleep(RETRY_MS);
        await cluster.brokerPool.refreshMetadata(this.topics).catch(() => undefined);
      }
    }
  }

  private async fetchOnce(cluster: Cluster, leader: number, cursors: Cursor[]): Promise<void> {
    const byTopic = new Map<string, Cursor[]>();
    for (const c of cursors) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
    const broker: BrokerLike = await cluster.findBroker({ nodeId: leader });
    if (this.tail) await this.skipToEnd(broker, byTopic, this.tail.onSkip);
    const partitionBytes = this.tail?.partitionBytes ?? PARTITION_BYTES;
    const { request, response } = fetchRequest({
      maxWaitMs: MAX_WAIT_MS,
      maxBytes: REQUEST_BYTES,
      topics: [...byTopic].map(([topic, list]) => ({
        topic,
        partitions: list.map((c) => ({ partition: c.partition, offset: c.next, maxBytes: partitionBytes })),
      })),
    });
    // kafkajs sends Fetch on a connection of its own (the pool's second), apart from metadata.
    const pool = broker.connectionPool as unknown as { send(r: unknown): Promise<unknown> };
    const payload = (await pool.send({ request, response, requestTimeout: REQUEST_TIMEOUT_MS })) as Buffer;
    const readMs = this.now();
    let retry: Error | undefined;
    for (const answer of decodeFetchV4(payload)) {
      const c = byTopic.get(answer.topic)?.find((x) => x.partition === answer.partition);
      if (!c) continue;
      if (answer.errorCode !== 0) {
        const e = errorOfCode(answer.errorCode);
        const error = Object.assign(new Error(`${e.type} on ${c.topic}-${c.partition}`), {
          retriable: e.retriable,
          type: e.type,
        });
        if (!e.retriable) throw error;
        retry = error;
        continue;
      }
      if (!answer.records) continue;
      const topic = c.topic;
      c.next = await eachRecord(answer.records, c.next, Number.MAX_SAFE_INTEGER, (view) =>
        this.onRecord(topic, view, readMs),
      );
    }
    if (retry) throw retry;
  }

  /** Tail sampling: every cursor to its partition's end offset now, what it passes over counted. */
  private async skipToEnd(broker: BrokerLike, byTopic: Map<string, Cursor[]>, onSkip: SkipHandler): Promise<void> {
    const answer = await (broker as unknown as ListOffsetsBroker).listOffsets({
      replicaId: -1,
      isolationLevel: 0,
      topics: [...byTopic].map(([topic, list]) => ({
        topic,
        partitions: list.map((c) => ({ partition: c.partition, timestamp: -1 })),
      })),
    });
    for (const t of answer.responses) {
      for (const p of t.partitions) {
        const c = byTopic.get(t.topic)?.find((x) => x.partition === p.partition);
        const end = Number(p.offset);
        if (!c || !(end > c.next)) continue;
        onSkip(t.topic, end - c.next);
        c.next = end;
      }
    }
  }
}

function describe(error: unknown): { code: string; message: string; retriable: boolean } {
  const { code, message } = classifyError(error);
  const e = error as { retriable?: boolean; name?: string };
  const retriable =
    e.retriable === true ||
    e.name === "KafkaJSConnectionError" ||
    e.name === "KafkaJSRequestTimeoutError" ||
    e.name === "KafkaJSNumberOfRetriesExceeded";
  return { code, message, retriable };
}

async function patiently<T>(ask: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + OFFSETS_PATIENCE_MS;
  for (;;) {
    try {
      return await ask();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}
