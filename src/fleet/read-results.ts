/**
 * Reads a fleet's results topic: from its start, handing every message to `onMessage` (parsed,
 * or undefined for a value that is not one), until `stop()` or, with `untilCaughtUp`, until it
 * has read what the topic held when reading began.
 */
import type { Kafka } from "kafkajs";
import { parseFleetMessage, type FleetMessage } from "./message.ts";

export interface ResultsReader {
  /** Resolves when reading has ended (caught up, or stopped). */
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function readResults(
  kafka: Kafka,
  topic: string,
  onMessage: (m: FleetMessage | undefined) => void,
  options: { untilCaughtUp: boolean },
): Promise<ResultsReader> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(topic))
      throw new Error(
        `topic ${topic} does not exist: no instance has published to this fleet yet (start them with --fleet)`,
      );
    ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  // A group of its own that commits nothing: every reader sees the whole topic.
  const consumer = kafka.consumer({
    groupId: `surge-watch-${process.pid}-${Date.now().toString(36)}`,
    retry: { retries: 5 },
  });
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const caughtUp = (): boolean => [...ends.values()].every((high) => high <= 0n);
  const stop = async (): Promise<void> => {
    await consumer.disconnect().catch(() => undefined);
    finish();
  };
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      onMessage(message.value ? parseFleetMessage(message.value.toString()) : undefined);
      const high = ends.get(partition);
      if (high !== undefined && BigInt(message.offset) + 1n >= high) ends.set(partition, 0n);
      if (options.untilCaughtUp && caughtUp()) void stop();
    },
  });
  if (options.untilCaughtUp && caughtUp()) void stop();
  return { done, stop };
}
