/**
 * Interval recording: every --interval the ledgers' histograms are closed into one interval, the
 * last few kept for readers whose timer runs late, and the generation rate of that interval noted.
 */
import type { Clock } from "./clock.ts";
import type { E2eInterval } from "./read-back-port.ts";
import type { IntervalHistograms } from "./snapshot.ts";
import type { TopicLedger } from "./topic-ledger.ts";

/**
 * Closed intervals the snapshot keeps (about 95 KB per histogram), so a reader whose timer runs
 * late misses none.
 */
const KEPT_INTERVALS = 8;

export class IntervalRecorder {
  private readonly intervals: IntervalHistograms[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private events = 0;
  private startMs = NaN;
  /** Events generated per second in the last closed interval. */
  generatedPerSec = 0;

  constructor(
    private readonly ledgers: readonly TopicLedger[],
    private readonly clock: Clock,
    /** --e2e / --follow: the read-back's histograms of the same interval. */
    private readonly e2eOf?: (nowMs: number) => readonly E2eInterval[] | undefined,
  ) {}

  start(nowMs: number, everyMs: number): void {
    this.startMs = nowMs;
    this.timer = setInterval(() => this.close(), everyMs);
  }

  countEvent(): void {
    this.events++;
  }

  /** Stops the timer and closes the last (partial) interval. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.close();
  }

  recent(): readonly IntervalHistograms[] {
    return Object.freeze([...this.intervals]);
  }

  private close(): void {
    const now = this.clock.now();
    const length = now - this.startMs;
    const topics = Object.freeze(this.ledgers.map((l) => l.closeInterval(length)));
    const e2e = this.e2eOf?.(now);
    this.intervals.push(
      Object.freeze({
        seq: (this.intervals.at(-1)?.seq ?? 0) + 1,
        startMs: this.startMs,
        endMs: now,
        topics,
        ...(e2e ? { e2e } : {}),
      }),
    );
    if (this.intervals.length > KEPT_INTERVALS) this.intervals.shift();
    this.generatedPerSec = (this.events * 1000) / Math.max(length, 1);
    this.events = 0;
    this.startMs = now;
  }
}
