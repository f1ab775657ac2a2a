/**
 * --workers: the workers' closed intervals merged into the process's own. Interval k of the process
 * is every worker's interval k added up (they start together and close on the same --interval),
 * complete once each worker has sent its k-th or has finished. The whole run's histograms are the
 * merged intervals added up: what the summary, /metrics and the .hlog show.
 */
import { LatencyHistogram } from "../metrics/latency-histogram.ts";
import type { IntervalHistograms, TopicInterval } from "../engine/snapshot.ts";
import { decodeTopic, TopicHistograms, type DecodedTopic } from "./topic-histograms.ts";
import type { SeqInterval } from "./worker-messages.ts";

/** Closed intervals kept for readers whose timer runs late (as the engine keeps). */
const KEPT = 8;

interface Pending {
  startMs: number;
  endMs: number;
  from: Set<number>;
  topics: Map<string, DecodedTopic>;
}

export class IntervalMerger {
  private readonly pending = new Map<number, Pending>();
  private readonly finished = new Set<number>();
  private readonly recentClosed: IntervalHistograms[] = [];
  /** Since the start or the last reset: the merged intervals added up. */
  readonly run = new TopicHistograms();

  constructor(
    private readonly workers: number,
    private readonly topicNames: readonly string[],
  ) {}

  add(worker: number, intervals: readonly SeqInterval[]): void {
    for (const i of intervals) {
      let p = this.pending.get(i.seq);
      if (!p) this.pending.set(i.seq, (p = { startMs: i.startMs, endMs: i.endMs, from: new Set(), topics: new Map() }));
      if (p.from.has(worker)) continue;
      p.from.add(worker);
      p.startMs = Math.min(p.startMs, i.startMs);
      p.endMs = Math.max(p.endMs, i.endMs);
      for (const t of i.topics) {
        const decoded = decodeTopic(t);
        const sum = p.topics.get(t.name);
        if (!sum) p.topics.set(t.name, decoded);
        else {
          decoded.latency.addInto(sum.latency);
          decoded.late.addInto(sum.late);
        }
      }
    }
    this.settle();
  }

  /** The worker has sent its last interval: nothing waits for it any more. */
  finish(worker: number): void {
    this.finished.add(worker);
    this.settle();
  }

  /** The last closed intervals, oldest first (Snapshot.intervals). */
  recent(): readonly IntervalHistograms[] {
    return Object.freeze([...this.recentClosed]);
  }

  resetRun(): void {
    this.run.clear();
  }

  private settle(): void {
    for (const seq of [...this.pending.keys()].sort((a, b) => a - b)) {
      const p = this.pending.get(seq) as Pending;
      for (let w = 0; w < this.workers; w++) if (!p.from.has(w) && !this.finished.has(w)) return;
      this.pending.delete(seq);
      this.close(p);
    }
  }

  private close(p: Pending): void {
    const topics: TopicInterval[] = this.topicNames.map((name) => {
      const t = p.topics.get(name) ?? { name, latency: new LatencyHistogram(), late: new LatencyHistogram() };
      this.run.add(t);
      return Object.freeze({ name, latency: t.latency, late: t.late });
    });
    const seq = (this.recentClosed.at(-1)?.seq ?? 0) + 1;
    this.recentClosed.push(Object.freeze({ seq, startMs: p.startMs, endMs: p.endMs, topics: Object.freeze(topics) }));
    if (this.recentClosed.length > KEPT) this.recentClosed.shift();
  }
}
