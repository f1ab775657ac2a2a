/**
 * What the cluster says about the run's topics beyond their records: each partition's log start
 * and size, each topic's retention settings. Sizes come from DescribeLogDirs on every broker and
 * are best effort (an ACL may refuse it): without them only retention.ms can explain aged-out records.
 */
import type { Admin, Kafka } from "kafkajs";
import { createCluster } from "../kafka/produce/kafkajs-internals.ts";
import type { TopicRetention } from "./aged-out.ts";
import { decodeLogDirSizes, describeLogDirsRequest } from "./wire/requests.ts";

const CONFIG_RESOURCE_TOPIC = 2;

/** Retention settings by topic name; topics the broker did not describe are left out. */
export async function topicRetention(admin: Admin, topics: readonly string[]): Promise<Map<string, TopicRetention>> {
  const out = new Map<string, TopicRetention>();
  if (topics.length === 0) return out;
  const answer = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({
      type: CONFIG_RESOURCE_TOPIC,
      name,
      configNames: ["cleanup.policy", "retention.bytes", "retention.ms"],
    })),
  });
  for (const r of answer.resources) {
    if (r.errorCode !== 0) continue;
    const value = (name: string): string | undefined =>
      r.configEntries.find((e) => e.configName === name)?.configValue ?? undefined;
    out.set(r.resourceName, {
      cleanupPolicy: (value("cleanup.policy") ?? "delete")
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p !== ""),
      retentionBytes: numberOr(value("retention.bytes"), -1),
      retentionMs: numberOr(value("retention.ms"), -1),
    });
  }
  return out;
}

/** Partition sizes in bytes by "topic/partition" (the largest replica); empty when no broker answered. */
export async function partitionSizes(
  kafka: Kafka,
  partitions: ReadonlyMap<string, readonly number[]>,
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (partitions.size === 0) return sizes;
  const cluster = createCluster(kafka);
  try {
    await cluster.connect();
    await cluster.brokerPool.refreshMetadata([...partitions.keys()]);
    const request = describeLogDirsRequest([...partitions].map(([topic, list]) => ({ topic, partitions: list })));
    const ids = Object.keys(cluster.brokerPool.brokers);
    await Promise.all(
      ids.map(async (id) => {
        try {
          const broker = await cluster.findBroker({ nodeId: id });
          const payload = (await (broker.connectionPool.send as (r: unknown) => Promise<unknown>)({
            ...request,
            requestTimeout: 10_000,
          })) as Buffer;
          decodeLogDirSizes(payload, sizes);
        } catch {
          // Best effort: a broker that refuses or does not answer leaves its sizes unknown.
        }
      }),
    );
  } catch {
    // As above: sizes unknown.
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
  return sizes;
}

function numberOr(text: string | undefined, fallback: number): number {
  if (text === undefined || text.trim() === "") return fallback;
  const n = Number(text);
  return Number.isFinite(n) ? n : fallback;
}
