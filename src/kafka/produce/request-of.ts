/** The Produce request for the batches going to one broker: grouped by topic, with the producer id and sequences. */
import type { Identity } from "./producer-identity.ts";
import type { Lane, Batch } from "./lane.ts";
import type { PartitionBatch, ProduceRequest } from "../protocol/produce.ts";

export function produceRequestOf(
  attempts: ReadonlyArray<{ lane: Lane; batch: Batch }>,
  id: Identity | undefined,
  o: { acks: 0 | 1 | -1; codec: number; requestTimeoutMs: number },
): ProduceRequest {
  const byTopic = new Map<string, PartitionBatch[]>();
  for (const { lane, batch } of attempts) {
    let partitions = byTopic.get(lane.topic);
    if (!partitions) byTopic.set(lane.topic, (partitions = []));
    partitions.push({
      partition: lane.partition,
      records: batch.records,
      timestampMs: batch.timestampMs,
      producerId: id ? id.producerId : -1n,
      producerEpoch: id ? id.producerEpoch : -1,
      baseSequence: batch.firstSequence,
    });
  }
  return {
    acks: o.acks,
    // The broker's own wait for replicas ends before surge gives up on the answer.
    timeoutMs: Math.max(1000, o.requestTimeoutMs - 1000),
    codec: o.codec,
    topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
  };
}
