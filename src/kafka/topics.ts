/**
 * Creates missing topics with the requested partition count and a replication factor that fits
 * the cluster (min(3, brokers) unless asked; min.insync.replicas=2 from 3 replicas, so acks=all
 * survives one broker down); says clearly when it may not.
 */
import type { Admin } from "kafkajs";
import { classifyError } from "./classify-error.ts";

export interface TopicPlan {
  replicationFactor: number;
  /** Set on the topic only when it differs from Kafka's default (1). */
  minInsyncReplicas: number;
}

/** The replication of the topics surge creates on a cluster of `brokers`; `asked`: --replication-factor. */
export function topicPlan(brokers: number, asked: number | undefined): TopicPlan | { problem: string } {
  const replicationFactor = asked ?? Math.max(1, Math.min(3, brokers));
  if (replicationFactor > brokers) {
    return { problem: `--replication-factor ${replicationFactor} needs at least ${replicationFactor} brokers; the cluster has ${brokers}` };
  }
  return { replicationFactor, minInsyncReplicas: replicationFactor >= 3 ? 2 : 1 };
}

export async function ensureTopics(
  admin: Admin, names: readonly string[], partitions: number, replicationFactor?: number,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = names.filter((n) => !existing.has(n));
  const notes: string[] = [];
  if (missing.length === 0) return notes;
  const plan = topicPlan((await admin.describeCluster()).brokers.length, replicationFactor);
  if ("problem" in plan) throw new Error(`cannot create topic${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: ${plan.problem}`);
  const configEntries = plan.minInsyncReplicas > 1 ? [{ name: "min.insync.replicas", value: String(plan.minInsyncReplicas) }] : [];
  try {
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: plan.replicationFactor, configEntries })),
      waitForLeaders: true,
    });
    const replication = plan.replicationFactor > 1
      ? `, replication factor ${plan.replicationFactor}, min.insync.replicas ${plan.minInsyncReplicas}`
      : "";
    notes.push(`created topic${missing.length > 1 ? "s" : ""} ${missing.join(", ")} with ${partitions} partitions${replication}`);
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
