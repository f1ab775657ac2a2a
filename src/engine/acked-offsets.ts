/**
 * The offsets acks returned, per partition, since the last interval was taken: first, last and how
 * many. One entry per partition whatever the rate, so the ground truth stays cheap (see
 * AckedOffsetsRecord).
 */
import type { AckedSpan } from "../truth/records.ts";

/** How often the run writes its acked offsets to the ground truth. */
export const ACKED_OFFSETS_EVERY_MS = 10_000;

export class AckedOffsets {
  private spans = new Map<string, Map<number, AckedSpan>>();
  private fromMs: number;

  constructor(
    private readonly topics: ReadonlySet<string>,
    nowMs: number,
  ) {
    this.fromMs = nowMs;
  }

  /** One acked batch: `count` records from `baseOffset` on. Topics not of the run are ignored. */
  note(topic: string, partition: number, baseOffset: number, count: number): void {
    if (count <= 0 || !this.topics.has(topic)) return;
    let byPartition = this.spans.get(topic);
    if (!byPartition) this.spans.set(topic, (byPartition = new Map()));
    const last = baseOffset + count - 1;
    const span = byPartition.get(partition);
    if (!span) {
      byPartition.set(partition, [partition, baseOffset, last, count]);
      return;
    }
    // Batches of one partition are acked in order, but a retried one may come back late.
    span[1] = Math.min(span[1], baseOffset);
    span[2] = Math.max(span[2], last);
    span[3] += count;
  }

  /** What was acked since the last take, or undefined when nothing was; starts a new interval. */
  take(nowMs: number): { fromMs: number; toMs: number; topics: Record<string, AckedSpan[]> } | undefined {
    const fromMs = this.fromMs;
    this.fromMs = nowMs;
    if (this.spans.size === 0) return undefined;
    const topics: Record<string, AckedSpan[]> = {};
    for (const [topic, byPartition] of this.spans)
      topics[topic] = [...byPartition.values()].sort((a, b) => a[0] - b[0]);
    this.spans = new Map();
    return { fromMs: Math.floor(fromMs), toMs: Math.ceil(nowMs), topics };
  }
}
