/**
 * Retention is not loss: which of a run's acked records lie below a partition's log start offset,
 * and whether the topic's retention explains that (the partition is at its retention.bytes, or the
 * records are older than retention.ms). Pure: the run's acked offsets, the broker's log starts,
 * sizes and topic settings in; per topic counts out.
 */
import type { AckedOffsetsRecord } from "../truth/records.ts";

/** The settings that decide what a topic keeps (describeConfigs); -1 = no limit. */
export interface TopicRetention {
  /** cleanup.policy, e.g. ["delete"], ["compact"], ["compact", "delete"]. */
  cleanupPolicy: string[];
  retentionBytes: number;
  retentionMs: number;
}

export interface PartitionLog {
  partition: number;
  /** Log start offset when verify began reading (ListOffsets earliest). */
  logStart: number;
  /** Bytes the partition's log takes on its leader (DescribeLogDirs); undefined when not known. */
  sizeBytes: number | undefined;
}

export type AgedOutReason = "retention.bytes" | "retention.ms";

export interface PartitionBelowStart {
  partition: number;
  /** Records the run's acks placed below the log start. */
  acked: number;
  /** Why retention explains it; undefined: it does not (e.g. DeleteRecords behind surge's back). */
  reason: AgedOutReason | undefined;
}

export interface TopicBelowStart {
  /** Acked below the log start where retention explains it. */
  agedOut: number;
  /** Acked below the log start where retention does not explain it (judged as loss). */
  unexplained: number;
  /** What explained it, for the report ("retention.bytes", "retention.ms"). */
  reasons: AgedOutReason[];
  partitions: PartitionBelowStart[];
  /** The run recorded its acked offsets (surge from this version on). */
  known: boolean;
}

export const isCompacted = (r: TopicRetention): boolean => r.cleanupPolicy.includes("compact");
export const deletesOld = (r: TopicRetention): boolean => r.cleanupPolicy.includes("delete");

/** Acked records of `topic` below each partition's log start, and whether retention explains them. */
export function belowLogStart(
  topic: string,
  acked: readonly AckedOffsetsRecord[],
  logs: readonly PartitionLog[],
  retention: TopicRetention | undefined,
  nowMs: number,
): TopicBelowStart {
  const out: TopicBelowStart = { agedOut: 0, unexplained: 0, reasons: [], partitions: [], known: acked.length > 0 };
  for (const log of logs) {
    let count = 0;
    // When the newest acked record below the log start was acked (at the latest / at the earliest).
    let newestFromMs = -Infinity;
    for (const record of acked) {
      for (const [partition, first, last, n] of record.topics[topic] ?? []) {
        if (partition !== log.partition || first >= log.logStart) continue;
        // A span crossing the log start: its records are spread over [first, last]; other
        // producers' records may sit between them, so this is at most what it says.
        count += last < log.logStart ? n : Math.min(n, log.logStart - first);
        newestFromMs = Math.max(newestFromMs, record.fromMs);
      }
    }
    if (count === 0) continue;
    const reason = retention ? retentionExplains(retention, log, newestFromMs, nowMs) : undefined;
    out.partitions.push({ partition: log.partition, acked: count, reason });
    if (reason) {
      out.agedOut += count;
      if (!out.reasons.includes(reason)) out.reasons.push(reason);
    } else out.unexplained += count;
  }
  return out;
}

/**
 * Kafka deletes oldest segments by size only while what remains is at least retention.bytes, so a
 * partition that size retention cut is never below it; by time, only segments whose newest record
 * is older than retention.ms. Anything else moved the log start some other way.
 */
export function retentionExplains(
  r: TopicRetention,
  log: PartitionLog,
  newestBelowFromMs: number,
  nowMs: number,
): AgedOutReason | undefined {
  if (!deletesOld(r)) return undefined;
  if (r.retentionBytes >= 0 && log.sizeBytes !== undefined && log.sizeBytes >= r.retentionBytes)
    return "retention.bytes";
  if (r.retentionMs >= 0 && newestBelowFromMs <= nowMs - r.retentionMs) return "retention.ms";
  return undefined;
}
