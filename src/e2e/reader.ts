/**
 * The read-back consumer: one kafkajs consumer in surge's own process, in a group of its own that
 * commits nothing (deleted at the end), every partition sought to the end offsets taken before
 * generation starts, so it reads exactly what is written from then on.
 */
import kafkajs from "kafkajs";
import type { Admin, Consumer, Kafka, KafkaMessage } from "kafkajs";
import { clientConfig, type ClientSettings } from "../kafka/client-config.ts";
import { classifyError } from "../kafka/classify-error.ts";
import { registerCodecs } from "../kafka/codecs/index.ts";
import { installKafkajsFixes } from "../kafka/kafkajs-fixes.ts";
import { sleep } from "../engine/clock.ts";

export type BatchHandler = (topic: string, messages: readonly KafkaMessage[], readMs: number) => void;

/** Joining the group: a broker with group.initial.rebalance.delay.ms (3 s by default) takes that long. */
const JOIN_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 5000;

/** A topic created a moment ago may not have its leaders yet ("not the leader"): ask again for a while. */
const OFFSETS_PATIENCE_MS = 15_000;

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

export class ReadBackReader {
  private readonly kafka: Kafka;
  private readonly brokers: string;
  private admin: Admin | undefined;
  private consumer: Consumer | undefined;
  private readonly groupId = `surge-e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  /** Next offset to read, per "topic/partition". */
  private readonly next = new Map<string, number>();
  /** Set when the consumer crashed: why, in words. */
  problem = "";

  constructor(
    settings: ClientSettings,
    private readonly now: () => number,
    private readonly onBatch: BatchHandler,
  ) {
    registerCodecs();
    installKafkajsFixes();
    this.kafka = new kafkajs.Kafka(clientConfig(settings));
    this.brokers = settings.brokers.join(",");
  }

  /** Subscribes, seeks every partition to its current end and waits for the group join. Rejects with a user-facing line. */
  async start(topics: readonly string[], mustExist: readonly string[]): Promise<void> {
    const admin = this.kafka.admin();
    this.admin = admin;
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = mustExist.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      throw new Error(
        `--follow: topic ${missing.join(", ")} does not exist at ${this.brokers} (start the pipeline first, or create it)`,
      );
    }
    const starts: Array<{ topic: string; partition: number; offset: string }> = [];
    for (const topic of topics) {
      for (const o of await patiently(() => admin.fetchTopicOffsets(topic))) {
        starts.push({ topic, partition: o.partition, offset: o.high });
        this.next.set(`${topic}/${o.partition}`, Number(o.high));
      }
    }
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      maxBytes: 4 * 1024 * 1024,
      maxBytesPerPartition: 1024 * 1024,
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2000 },
    });
    this.consumer = consumer;
    // Sought once the group has formed (kafkajs refuses a seek before); nothing is written before that.
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const s of starts) consumer.seek(s);
        resolve();
      }),
    );
    consumer.on(consumer.events.CRASH, (event) => {
      this.problem = `read-back stopped: ${classifyError(event.payload.error).message}`;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}/${batch.partition}`;
        const from = this.next.get(key) ?? 0;
        // A batch may begin before the offset sought (compressed batches come whole).
        const messages =
          Number(batch.firstOffset() ?? from) >= from
            ? batch.messages
            : batch.messages.filter((m) => Number(m.offset) >= from);
        if (messages.length === 0) return;
        this.next.set(key, Number(messages[messages.length - 1]!.offset) + 1);
        this.onBatch(batch.topic, messages, this.now());
      },
    });
    const timedOut = await Promise.race([joined.then(() => false), sleep(JOIN_TIMEOUT_MS).then(() => true)]);
    if (timedOut)
      throw new Error(
        `--e2e/--follow: the read-back consumer did not join its group within ${JOIN_TIMEOUT_MS / 1000} s`,
      );
  }

  /** Whether every partition of `topics` has been read up to the brokers' end offsets now. */
  async caughtUp(topics: readonly string[]): Promise<boolean> {
    if (!this.admin) return true;
    for (const topic of topics) {
      for (const o of await this.admin.fetchTopicOffsets(topic)) {
        if ((this.next.get(`${topic}/${o.partition}`) ?? 0) < Number(o.high)) return false;
      }
    }
    return true;
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    const admin = this.admin;
    this.consumer = undefined;
    this.admin = undefined;
    const close = async (): Promise<void> => {
      await consumer?.disconnect().catch(() => undefined);
      // Leave nothing behind on the cluster: the group never committed, delete it.
      await admin?.deleteGroups([this.groupId]).catch(() => undefined);
      await admin?.disconnect().catch(() => undefined);
    };
    await Promise.race([close(), sleep(CLOSE_TIMEOUT_MS)]);
  }
}
