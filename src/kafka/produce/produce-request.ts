/**
 * One produce request to one leader for the batches of several partitions, answered per partition:
 * the broker's error code for each (0 = appended), or one client-side failure for them all.
 */
import { classifyError, isRetriable } from "../classify-error.ts";
import type { ClusterLike } from "./kafkajs-internals.ts";
import { sendDecoded } from "./kafkajs-internals.ts";
import type { Attempt, OutMessage } from "./partition-lane.ts";
import { withTimeout } from "./with-timeout.ts";

export interface RequestSettings {
  acks: 0 | 1 | -1;
  compression: number;
  requestTimeoutMs: number;
}

export type RequestOutcome =
  | {
    ok: true; address: string; codeOf(topic: string, partition: number): number | undefined;
    /** Offset the broker gave the first record of the partition's batch (-1 when unknown, e.g. acks=0). */
    baseOffsetOf(topic: string, partition: number): number;
  }
  | { ok: false; address: string; code: string; message: string; retriable: boolean };

interface DecodedProduce {
  topics: Array<{ topicName: string; partitions: Array<{ partition: number; errorCode: number; baseOffset?: string }> }>;
}

export async function produceRequest(cluster: ClusterLike, attempts: readonly Attempt[], s: RequestSettings): Promise<RequestOutcome> {
  const nodeId = attempts[0]!.nodeId;
  const identity = attempts[0]!.batch.identity;
  const byTopic = new Map<string, Array<{ partition: number; firstSequence: number; messages: OutMessage[] }>>();
  for (const { lane, batch } of attempts) {
    const partitions = byTopic.get(lane.topic) ?? [];
    partitions.push({ partition: lane.partition, firstSequence: batch.firstSequence, messages: batch.messages });
    byTopic.set(lane.topic, partitions);
  }
  let address = `node ${nodeId}`;
  try {
    const broker = await withTimeout(cluster.findBroker({ nodeId }), s.requestTimeoutMs, `connecting to broker ${nodeId}`);
    address = `${broker.connectionPool.host}:${broker.connectionPool.port}`;
    const decoded = (await sendDecoded(broker, "Produce", {
      acks: s.acks,
      // The broker's own wait for replicas ends before surge gives up on the answer.
      timeout: Math.max(1000, s.requestTimeoutMs - 1000),
      compression: s.compression,
      topicData: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
      ...(identity ? { producerId: identity.producerId, producerEpoch: identity.producerEpoch } : {}),
    })) as DecodedProduce | undefined;
    // acks=0: the broker sends no answer; what left the socket counts as sent.
    if (s.acks === 0) return { ok: true, address, codeOf: () => 0, baseOffsetOf: () => -1 };
    const codes = new Map<string, number>();
    const offsets = new Map<string, number>();
    for (const t of decoded?.topics ?? []) {
      for (const p of t.partitions) {
        codes.set(`${t.topicName}\u0000${p.partition}`, p.errorCode);
        offsets.set(`${t.topicName}\u0000${p.partition}`, Number(p.baseOffset ?? -1));
      }
    }
    return {
      ok: true, address, codeOf: (topic, partition) => codes.get(`${topic}\u0000${partition}`),
      baseOffsetOf: (topic, partition) => offsets.get(`${topic}\u0000${partition}`) ?? -1,
    };
  } catch (error) {
    const { code, message } = classifyError(error);
    return { ok: false, address, code, message, retriable: isRetriable(error) };
  }
}
