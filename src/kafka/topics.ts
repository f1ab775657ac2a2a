/** Creates missing topics with the requested partition count; says clearly when it may not. */
import type { Admin } from "kafkajs";
import { classifyError } from "./classify-error.ts";

export async function ensureTopics(admin: Admin, names: readonly string[], partitions: number): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = names.filter((n) => !existing.has(n));
  const notes: string[] = [];
  if (missing.length === 0) return notes;
  try {
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
      waitForLeaders: true,
    });
    notes.push(`created topic${missing.length > 1 ? "s" : ""} ${missing.join(", ")} with ${partitions} partitions`);
  } catch (error) {
    const { code, message } = classifyError(error);
    if (code === "TOPIC_ALREADY_EXISTS") return notes;
    throw new Error(
      `cannot create topic${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: the broker answered ${code} (${message}); ` +
        "create them yourself (kafka-topics.sh --create) or allow surge's user to create topics",
    );
  }
  return notes;
}
