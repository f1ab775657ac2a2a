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
    return {
      problem: `--replication-factor ${replicationFactor} needs at least ${replicationFactor} brokers; the cluster has ${brokers}`,
    };
  }
  return { replicationFactor, minInsyncReplicas: replicationFactor >= 3 ? 2 : 1 };
}

export async function ensureTopics(
  admin: Admin,
  names: readonly string[],
  partitions: number,
  replicationFactor?: number,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = names.filter((n) => !existing.has(n));
  const notes: string[] = [];
  if (missing.length === 0) return notes;
  const plan = topicPlan((await admin.describeCluster()).brokers.length, replicationFactor);
  if ("problem" in plan)
    throw new Error(`cannot create topic${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: ${plan.problem}`);
  const configEntries =
    plan.minInsyncReplicas > 1 ? [{ name: "min.insync.replicas", value: String(plan.minInsyncReplicas) }] : [];
  try {
    await admin.createTopics({
      topics: missing.map((topic) => ({
        topic,
        numPartitions: partitions,
        replicationFactor: plan.replicationFactor,
        configEntries,
      })),
      // kafkajs's wait fails on the first broker that does not know the new topic yet (a fresh
      // cluster); the sink waits for the leaders itself.
      waitForLeaders: false,
    });
    const replication =
      plan.replicationFactor > 1
        ? `, replication factor ${plan.replicationFactor}, min.insync.replicas ${plan.minInsyncReplicas}`
        : "";
    notes.push(
      `created topic${missing.length > 1 ? "s" : ""} ${missing.join(", ")} with ${partitions} partitions${replication}`,
    );
  } catch (error) {
    const { code, message } = classifyError(error);
    if (code === "TOPIC_ALREADY_EXISTS") return notes;
    throw new Error(
      `cannot create topic${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: the broker answered ${code} (${message}); ` +
        refusalHint(code, partitions),
    );
  }
  return notes;
}

/** What to do about a refused CreateTopics, by the broker's reason. */
export function refusalHint(code: string, partitions: number): string {
  const yourself = "or create the topics yourself (kafka-topics.sh --create)";
  switch (code) {
    case "TOPIC_AUTHORIZATION_FAILED":
    case "CLUSTER_AUTHORIZATION_FAILED":
      return `allow surge's user to create topics (ACL CREATE), ${yourself}`;
    case "POLICY_VIOLATION":
    case "INVALID_PARTITIONS":
    case "RESOURCE_NOT_FOUND":
      return `the broker refuses ${partitions.toLocaleString("en-US")} partitions per topic (its limits or create-topic policy): ask for fewer with --partitions, ${yourself}`;
    case "INVALID_REPLICATION_FACTOR":
      return `the cluster has too few brokers for that replication: lower --replication-factor, ${yourself}`;
    case "INVALID_CONFIG":
      return `the broker refused a topic setting (min.insync.replicas): ${yourself}`;
    default:
      return `create the topics yourself (kafka-topics.sh --create) and run again`;
  }
}
