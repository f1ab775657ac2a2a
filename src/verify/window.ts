/**
 * --since/--until: the part of a long run to verify, found from the run's acked-offsets records
 * (one per 10 s): the offsets of every interval that overlaps the window, per partition, and how
 * many of the run's records were acked in them. The window is thus rounded out to whole intervals.
 */
import type { AckedOffsetsRecord } from "../truth/records.ts";
import type { PartitionSpan } from "./wire/read-partitions.ts";

export interface RunWindow {
  fromMs: number;
  toMs: number;
  /** The partition spans to read, cut to the window's offsets. */
  spans: PartitionSpan[];
  /** The acked-offsets records the window covers. */
  intervals: AckedOffsetsRecord[];
  /** Records acked in those intervals, by topic. */
  acked: Map<string, number>;
}

/** undefined when the run acked nothing in the window. */
export function windowOf(
  spans: readonly PartitionSpan[],
  acked: readonly AckedOffsetsRecord[],
  sinceMs: number,
  untilMs: number,
): RunWindow | undefined {
  const intervals = acked.filter((r) => r.toMs >= sinceMs && r.fromMs <= untilMs);
  if (intervals.length === 0) return undefined;
  const range = new Map<string, [number, number]>();
  const counts = new Map<string, number>();
  for (const r of intervals) {
    for (const [topic, list] of Object.entries(r.topics)) {
      for (const [partition, first, last, n] of list) {
        const key = `${topic}/${partition}`;
        const had = range.get(key);
        range.set(key, had ? [Math.min(had[0], first), Math.max(had[1], last + 1)] : [first, last + 1]);
        counts.set(topic, (counts.get(topic) ?? 0) + n);
      }
    }
  }
  const cut: PartitionSpan[] = [];
  for (const s of spans) {
    const r = range.get(`${s.topic}/${s.partition}`);
    // Partitions the window did not write to are not read (low = high).
    const low = r ? Math.max(s.low, r[0]) : s.high;
    const high = r ? Math.min(s.high, r[1]) : s.high;
    cut.push({ ...s, low: Math.min(low, high), high });
  }
  return {
    fromMs: Math.min(...intervals.map((r) => r.fromMs)),
    toMs: Math.max(...intervals.map((r) => r.toMs)),
    spans: cut,
    intervals,
    acked: counts,
  };
}
