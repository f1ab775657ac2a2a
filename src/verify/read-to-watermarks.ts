/**
 * Reads topics from the beginning (the log start offset, which moves when records are deleted)
 * up to the high watermark each partition had when reading began, so records written later are
 * not waited for and "received" has a fixed meaning. A consumer group with a random id, no
 * commits, deleted afterwards.
 */
import type { Admin, Consumer, Kafka, KafkaMessage } from "kafkajs";
import { classifyError } from "../kafka/classify-error.ts";
import { VerifyFailure } from "./connect.ts";

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
  timeoutMs: number;
  progress: ReadProgress;
  now?: () => number;
}

export async function readToWatermarks(kafka: Kafka, admin: Admin, spans: readonly PartitionSpan[], onBatch: BatchHandler, options: ReadOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const remaining = new Map<string, number>();
  for (const s of spans) if (s.high > s.low) remaining.set(`${s.topic}/${s.partition}`, s.high);
  options.progress.total += spans.reduce((sum, s) => sum + Math.max(0, s.high - s.low), 0);
  if (remaining.size === 0) return;

  let restarts = 0;
  const groupId = `surge-verify-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const consumer = kafka.consumer({
    groupId,
    // Limits are on compressed bytes, and a compressed megabyte can hold 30,000 decoded records:
    // small fetches keep memory flat; decoding, not round trips, is what takes the time.
    maxBytes: 1024 * 1024,
    maxBytesPerPartition: 256 * 1024,
    allowAutoTopicCreation: false,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000, restartOnFailure: async (error) => retriable(error) && restarts++ < 5 },
  });
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // Handled where it is awaited; this only stops an early failure counting as unhandled.
  done.catch(() => undefined);
  consumer.on(consumer.events.CRASH, (event) => fail(new VerifyFailure(`reading failed: ${classifyError(event.payload.error).message}`)));
  const timer = setTimeout(() => {
    fail(new VerifyFailure(`timed out after ${options.timeoutMs / 1000} s having read ${options.progress.read} of ${options.progress.total} records (raise --timeout)`));
  }, options.timeoutMs);

  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set(spans.map((s) => s.topic))], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}/${batch.partition}`;
        const high = remaining.get(key);
        if (high === undefined) return;
        // Records appended after reading began are not part of this verification.
        const messages = Number(batch.lastOffset()) < high ? batch.messages : batch.messages.filter((m) => Number(m.offset) < high);
        options.progress.read += messages.length;
        onBatch(batch.topic, batch.partition, messages, now());
        if (Number(batch.lastOffset()) >= high - 1) {
          remaining.delete(key);
          consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
          if (remaining.size === 0) finish();
        }
      },
    });
    await done;
  } finally {
    clearTimeout(timer);
    await stop(consumer, admin, groupId);
  }
}

/** A fresh broker answers "no group coordinator" until its offsets topic exists: worth a restart. */
function retriable(error: Error): boolean {
  return (error as { retriable?: unknown }).retriable === true || /coordinator/i.test(error.message);
}

async function stop(consumer: Consumer, admin: Admin, groupId: string): Promise<void> {
  await consumer.disconnect().catch(() => undefined);
  // Leave nothing behind on the cluster; a failure here changes no result.
  await admin.deleteGroups([groupId]).catch(() => undefined);
}
