/**
 * Delivery accounting and latency for one topic: every generated record ends in exactly one of
 * acked, failed or unsent; until then it is in flight.
 */
import { LatencyHistogram } from "../metrics/latency-histogram.ts";
import { ThroughputRing } from "../metrics/throughput-ring.ts";
import type { DeliveryCounts, TopicInterval, TopicSnapshot, WindowStats } from "./snapshot.ts";

export class TopicLedger {
  generated = 0;
  acked = 0;
  failed = 0;
  unsent = 0;
  ackedBytes = 0;
  /** Built but not sent on purpose (dropout). */
  dropped = 0;
  /** Extra copies sent on purpose (duplicate). */
  duplicated = 0;

  readonly latency = new LatencyHistogram();
  readonly late = new LatencyHistogram();
  /** Histograms of the interval in progress; closeInterval hands them out and starts new ones. */
  private intervalLatency = new LatencyHistogram();
  private intervalLate = new LatencyHistogram();
  private intervalAcked = 0;
  private intervalBytes = 0;
  private window: WindowStats;
  private readonly ring = new ThroughputRing(61);

  /** How records are written (src/formats): the dashboard shows it beside the name. */
  format = "json";

  constructor(
    readonly role: string,
    readonly name: string,
  ) {
    this.window = Object.freeze({
      ackedPerSec: 0,
      mbPerSec: 0,
      latency: this.intervalLatency.stats(),
      late: this.intervalLate.stats(),
    });
  }

  get inFlight(): number {
    return this.generated - this.acked - this.failed - this.unsent;
  }

  recordLateness(ms: number): void {
    this.late.recordMs(ms);
    this.intervalLate.recordMs(ms);
  }

  /** A batch was acked at `nowMs`; enqueuedMs holds when each record was handed to the producer. */
  recordAcked(nowMs: number, enqueuedMs: Float64Array, count: number, bytes: number): void {
    // Records made in one run-loop slice share their enqueue time: one histogram entry per run of them.
    let i = 0;
    while (i < count) {
      const at = enqueuedMs[i] ?? nowMs;
      let j = i + 1;
      while (j < count && (enqueuedMs[j] ?? nowMs) === at) j++;
      this.latency.recordMsWithCount(nowMs - at, j - i);
      this.intervalLatency.recordMsWithCount(nowMs - at, j - i);
      i = j;
    }
    this.acked += count;
    this.ackedBytes += bytes;
    this.intervalAcked += count;
    this.intervalBytes += bytes;
    this.ring.add(nowMs, count, bytes);
  }

  recordFailed(count: number): void {
    this.failed += count;
  }

  recordUnsent(count: number): void {
    this.unsent += count;
  }

  resetHistograms(): void {
    this.latency.reset();
    this.late.reset();
  }

  /**
   * Freezes the interval that just ended (lengthMs long) into the window stats and returns its
   * histograms, which nothing records into afterwards.
   */
  closeInterval(lengthMs: number): TopicInterval {
    const seconds = Math.max(lengthMs, 1) / 1000;
    this.window = Object.freeze({
      ackedPerSec: this.intervalAcked / seconds,
      mbPerSec: this.intervalBytes / 1e6 / seconds,
      latency: this.intervalLatency.stats(),
      late: this.intervalLate.stats(),
    });
    const closed: TopicInterval = Object.freeze({
      name: this.name,
      latency: this.intervalLatency,
      late: this.intervalLate,
    });
    this.intervalLatency = new LatencyHistogram();
    this.intervalLate = new LatencyHistogram();
    this.intervalAcked = 0;
    this.intervalBytes = 0;
    return closed;
  }

  counts(): DeliveryCounts {
    return {
      generated: this.generated,
      acked: this.acked,
      failed: this.failed,
      unsent: this.unsent,
      inFlight: this.inFlight,
      bytes: this.ackedBytes,
    };
  }

  snapshot(nowMs: number): TopicSnapshot {
    return Object.freeze({
      role: this.role,
      name: this.name,
      ...(this.format === "json" ? {} : { format: this.format }),
      ...this.counts(),
      latency: this.latency.stats(),
      late: this.late.stats(),
      window: this.window,
      history: Object.freeze(this.ring.series(nowMs)),
      dropped: this.dropped,
      duplicated: this.duplicated,
    });
  }
}

export function sumCounts(ledgers: readonly TopicLedger[]): DeliveryCounts {
  const total: DeliveryCounts = { generated: 0, acked: 0, failed: 0, unsent: 0, inFlight: 0, bytes: 0 };
  for (const l of ledgers) {
    total.generated += l.generated;
    total.acked += l.acked;
    total.failed += l.failed;
    total.unsent += l.unsent;
    total.inFlight += l.inFlight;
    total.bytes += l.ackedBytes;
  }
  return total;
}
