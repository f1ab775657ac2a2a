/**
 * Reads topics from the beginning (the log start offset, which moves when records are deleted)
 * up to the high watermark each partition had when reading began, so records written later are
 * not waited for and "received" has a fixed meaning. A consumer group with a random id, no
 * commits, deleted afterwards.
 */
import type { Admin, Consumer, Kafka, KafkaMessage } from "kafkajs";
import { classifyError } from "../kafka/classify-error.ts";
import { VerifyFailure } from "./connect.ts";
import { isTransient, withPatience, type Patience } from "./retry.ts";

export interface PartitionSpan {
  topic: string;
  partition: number;
  /** First offset still stored. */
  low: number;
  /** Offset of the next record to be written when reading began. */
  high: number;
}

/** Pulled by the front end on its own timer. */
export interface ReadProgress {
  read: number;
  total: number;
}

export type BatchHandler = (topic: string, partition: number, messages: readonly KafkaMessage[], readMs: number) => void;

/** Partition spans of the topics that exist; the names of those that do not. */
export async function partitionSpans(admin: Admin, topics: readonly string[]): Promise<{ spans: PartitionSpan[]; absent: string[] }> {
  const existing = new Set(await admin.listTopics());
  const spans: PartitionSpan[] = [];
  const absent: string[] = [];
  for (const topic of topics) {
    if (!existing.has(topic)) {
      absent.push(topic);
      continue;
    }
    for (const o of await admin.fetchTopicOffsets(topic)) {
      spans.push({ topic, partition: o.partition, low: Number(o.low), high: Number(o.high) });
    }
  }
  return { spans, absent };
}

export interface ReadOptions {
  progress: ReadProgress;
  /** Retries of transient broker errors and the deadline (--timeout). */
  patience: Patience;
}

/**
 * One consumer pass after another (a pass ends on a transient broker error, and the next resumes
 * each partition at the next offset not yet handed over), until every span is read.
 */
export async function readToWatermarks(kafka: Kafka, admin: Admin, spans: readonly PartitionSpan[], onBatch: BatchHandler, options: ReadOptions): Promise<void> {
  const reading: Reading = { next: new Map(), remaining: new Map() };
  for (const s of spans) {
    if (s.high <= s.low) continue;
    const key = `${s.topic}/${s.partition}`;
    reading.remaining.set(key, s.high);
    reading.next.set(key, s.low);
  }
  options.progress.total += spans.reduce((sum, s) => sum + Math.max(0, s.high - s.low), 0);
  if (reading.remaining.size === 0) return;
  const topics = [...new Set(spans.map((s) => s.topic))];
  await withPatience("reading the records", options.patience, () => readPass(kafka, admin, topics, reading, onBatch, options));
}

interface Reading {
  /** Next offset to hand over, per "topic/partition". */
  next: Map<string, number>;
  /** The high watermark of partitions not read to the end yet. */
  remaining: Map<string, number>;
}

async function readPass(kafka: Kafka, admin: Admin, topics: string[], reading: Reading, onBatch: BatchHandler, options: ReadOptions): Promise<void> {
  const { patience: p, progress } = options;
  const groupId = `surge-verify-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const consumer = kafka.consumer({
    groupId,
    // Limits are on compressed bytes, and a compressed megabyte can hold 30,000 decoded records:
    // small fetches keep memory flat; decoding, not round trips, is what takes the time.
    maxBytes: 1024 * 1024,
    maxBytesPerPartition: 256 * 1024,
    allowAutoTopicCreation: false,
    // A crash ends this pass; readToWatermarks decides whether another one is worth it.
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000, restartOnFailure: async () => false },
  });
  let finish: () => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // Handled where it is awaited; this only stops an early failure counting as unhandled.
  done.catch(() => undefined);
  consumer.on(consumer.events.CRASH, (event) => fail(isTransient(event.payload.error)
    ? event.payload.error
    : new VerifyFailure(`reading failed: ${classifyError(event.payload.error).message}`)));
  const timer = setTimeout(() => {
    fail(new VerifyFailure(`gave up: timed out after ${p.timeoutMs / 1000} s having read ${progress.read} of ${progress.total} records; ` +
      "no verdict (raise --timeout)"));
  }, Math.max(0, p.deadlineMs - p.now()));

  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}/${batch.partition}`;
        const high = reading.remaining.get(key);
        const from = reading.next.get(key);
        if (high === undefined || from === undefined) return;
        // Records appended after reading began are not part of this verification, and records an
        // earlier pass handed over are not handed over twice.
        const first = Number(batch.firstOffset() ?? from);
        const last = Number(batch.lastOffset());
        const messages = first >= from && last < high
          ? batch.messages
          : batch.messages.filter((m) => Number(m.offset) >= from && Number(m.offset) < high);
        if (messages.length > 0) reading.next.set(key, Number(messages[messages.length - 1]!.offset) + 1);
        progress.read += messages.length;
        onBatch(batch.topic, batch.partition, messages, p.now());
        if (last >= high - 1) {
          reading.remaining.delete(key);
          consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
          if (reading.remaining.size === 0) finish();
        }
      },
    });
    // A later pass resumes where the last one stopped; partitions already read stay paused.
    for (const [key, next] of reading.next) {
      const [topic, partition] = splitKey(key);
      if (!reading.remaining.has(key)) consumer.pause([{ topic, partitions: [partition] }]);
      else if (next > 0) consumer.seek({ topic, partition, offset: String(next) });
    }
    await done;
  } finally {
    clearTimeout(timer);
    await stop(consumer, admin, groupId);
  }
}

function splitKey(key: string): [string, number] {
  const slash = key.lastIndexOf("/");
  return [key.slice(0, slash), Number(key.slice(slash + 1))];
}

async function stop(consumer: Consumer, admin: Admin, groupId: string): Promise<void> {
  await consumer.disconnect().catch(() => undefined);
  // Leave nothing behind on the cluster; a failure here changes no result.
  await admin.deleteGroups([groupId]).catch(() => undefined);
}
