/**
 * Which broker leads each partition, from metadata answers whose per-topic and per-partition
 * errors are kept apart (kafkajs failed its whole refresh on any one of them, so a deleted topic
 * or a partition between leaders stalled every topic). An answer naming an older leader epoch than
 * one already seen is stale and ignored for that partition, as the Java client does (KIP-320).
 */
import type { MetadataAnswer } from "../protocol/metadata.ts";
import { errorOfCode } from "../protocol/error-codes.ts";

export interface TopicLayout {
  /** 0, or the broker's error for the whole topic (UNKNOWN_TOPIC_OR_PARTITION when it does not exist). */
  errorCode: number;
  /** Leader node id per partition id; -1 while a partition has none. */
  leaders: number[];
  /** Highest leader epoch seen per partition id (-1: unknown). */
  epochs: number[];
  /** The shape the partitioners expect. */
  partitionMetadata: Array<{ partitionId: number; leader: number }>;
}

export class LeaderMap {
  private readonly topics = new Map<string, TopicLayout>();
  /** Why the last refresh failed ("" when it worked). */
  failure = "";

  layout(topic: string): TopicLayout | undefined {
    return this.topics.get(topic);
  }

  leaderOf(topic: string, partition: number): number {
    return this.topics.get(topic)?.leaders[partition] ?? -1;
  }

  apply(answer: MetadataAnswer): void {
    for (const t of answer.topics) {
      if (t.errorCode !== 0 && errorOfCode(t.errorCode).type !== "LEADER_NOT_AVAILABLE") {
        this.topics.set(t.name, { errorCode: t.errorCode, leaders: [], epochs: [], partitionMetadata: [] });
        continue;
      }
      const known = this.topics.get(t.name);
      const leaders: number[] = [];
      const epochs: number[] = [];
      for (const p of t.partitions) {
        const epoch = p.leaderEpoch ?? -1;
        const seen = known?.epochs[p.partition] ?? -1;
        // A broker that has not heard of the election yet (frozen, just woken, cut off) still names
        // itself: keep the newer leader, or records acked by it would be truncated away later.
        if (epoch >= 0 && epoch < seen) {
          leaders[p.partition] = known!.leaders[p.partition]!;
          epochs[p.partition] = seen;
          continue;
        }
        leaders[p.partition] =
          p.errorCode === 0 || errorOfCode(p.errorCode).type === "REPLICA_NOT_AVAILABLE" ? p.leader : -1;
        epochs[p.partition] = epoch;
      }
      for (let i = 0; i < leaders.length; i++) {
        leaders[i] ??= -1;
        epochs[i] ??= -1;
      }
      const partitionMetadata = leaders.map((leader, partitionId) => ({ partitionId, leader }));
      this.topics.set(t.name, { errorCode: 0, leaders, epochs, partitionMetadata });
    }
  }
}
