/**
 * Reads every record of a topic from the real broker: up to the high watermarks taken when it
 * starts, so "consumed count = acked count" is a real comparison, not a wait for a number.
 */
import kafkajs from "kafkajs";
import type { SASLOptions } from "kafkajs";

process.env["KAFKAJS_NO_PARTITIONER_WARNING"] = "1";

export interface ConsumedRecord {
  partition: number;
  key: string;
  value: string;
  headers: Record<string, string>;
  timestamp: number;
}

export interface ConsumeOptions {
  /** Authenticate, e.g. against the SASL listener of the local broker (ensureSaslBroker). */
  sasl?: SASLOptions;
}

export async function consumeAll(
  brokers: string,
  topic: string,
  timeoutMs = 60_000,
  options: ConsumeOptions = {},
): Promise<ConsumedRecord[]> {
  const kafka = new kafkajs.Kafka({
    brokers: [brokers],
    clientId: "surge-test-reader",
    logLevel: kafkajs.logLevel.NOTHING,
    ...(options.sasl ? { sasl: options.sasl } : {}),
  });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  for (const [p, high] of remaining) if (high === 0) remaining.delete(p);
  const records: ConsumedRecord[] = [];
  if (remaining.size === 0) return records;

  const consumer = kafka.consumer({ groupId: `surge-test-${topic}-${Date.now()}`, maxBytes: 50 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = String(v);
        records.push({
          partition: batch.partition,
          key: m.key?.toString() ?? "",
          value: m.value?.toString() ?? "",
          headers,
          timestamp: Number(m.timestamp),
        });
        const high = remaining.get(batch.partition);
        if (high !== undefined && Number(m.offset) >= high - 1) remaining.delete(batch.partition);
      }
      if (remaining.size === 0) finish();
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out reading ${topic}: ${records.length} records so far`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([finished, timeout]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return records;
}
