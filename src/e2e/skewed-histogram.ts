/**
 * Latency across clocks: positive values go into an HDR histogram, negative ones (the reading
 * clock behind the writing one) are counted apart with the worst of them, never clamped to 0.
 */
import { LatencyHistogram } from "../metrics/latency-histogram.ts";
import type { SkewedStats } from "../engine/read-back-port.ts";

export class SkewedHistogram {
  readonly histogram = new LatencyHistogram();
  /** The interval in progress; closeInterval hands it out and starts another. */
  interval = new LatencyHistogram();
  negative = 0;
  mostNegativeMs = 0;

  record(ms: number): void {
    if (ms < 0) {
      this.negative++;
      if (ms < this.mostNegativeMs) this.mostNegativeMs = ms;
      return;
    }
    this.histogram.recordMs(ms);
    this.interval.recordMs(ms);
  }

  stats(): SkewedStats {
    return Object.freeze({
      stats: this.histogram.stats(),
      negative: this.negative,
      mostNegativeMs: this.mostNegativeMs,
    });
  }

  /** The dashboard's `r`: since-the-start values start again (intervals and exporters are not touched). */
  reset(): void {
    this.histogram.reset();
    this.negative = 0;
    this.mostNegativeMs = 0;
  }

  closeInterval(): LatencyHistogram {
    const closed = this.interval;
    this.interval = new LatencyHistogram();
    return closed;
  }
}
