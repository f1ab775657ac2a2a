/**
 * Steering the run while it goes: anomalies injected by command or by the scenario's timeline
 * (each one told to the ground truth and the run log), anomalies ending, and the rate profile
 * re-aiming the scheduler.
 */
import type { RunSettings } from "../config/types.ts";
import type { AnomalyBoard, RunningAnomaly } from "./anomaly-board.ts";
import { describeTarget } from "./anomaly-board.ts";
import type { AnomalyRequest, CommandResult } from "./commands.ts";
import type { RateControl } from "./rate-control.ts";
import type { Scheduler } from "./scheduler.ts";
import type { TopicLedger } from "./topic-ledger.ts";
import type { TruthLog } from "./truth-log.ts";

export interface SteeringDeps {
  settings: RunSettings;
  board: AnomalyBoard;
  rates: RateControl;
  truth: TruthLog;
  ledgers: readonly TopicLedger[];
  /** The engine's current scheduler (replaced at start). */
  scheduler(): Scheduler;
  /** This instance's part of a fleet-wide rate (--segment; the rate itself otherwise). */
  part(rate: number | "max"): number | "max";
  /** When the run started (epoch ms). */
  startMs(): number;
  event(nowMs: number, message: string): void;
  wake(): void;
}

export class Steering {
  private nextTimeline = 0;

  constructor(private readonly d: SteeringDeps) {}

  inject(request: AnomalyRequest, nowMs: number, source: string): CommandResult {
    const { board } = this.d;
    const before = board.rateMultiplier;
    const { result, started } = board.start(request, nowMs, source);
    if (!started) return result;
    this.d.truth.anomaly(started, this.topicNameOf(started));
    if (board.rateMultiplier !== before) this.d.scheduler().setRate(this.d.part(this.d.rates.aimed()), nowMs);
    this.d.event(nowMs, `${result.message} (${source})`);
    this.d.wake();
    return result;
  }

  /** Ends due anomalies, starts due timeline entries and follows the rate profile. */
  steer(nowMs: number): void {
    const { board, rates } = this.d;
    const before = board.rateMultiplier;
    for (const a of board.expire(nowMs)) this.d.event(nowMs, `${a.kind.name} ended (${this.describe(a)})`);
    const timeline = this.d.settings.timeline;
    while (
      this.nextTimeline < timeline.length &&
      (timeline[this.nextTimeline]?.atMs ?? Infinity) <= nowMs - this.d.startMs()
    ) {
      const entry = timeline[this.nextTimeline++];
      if (!entry) break;
      const result = this.inject(entry, nowMs, "timeline");
      if (!result.ok) this.d.event(nowMs, `timeline: ${result.message}`);
    }
    // A profile re-aims every 100 ms: its cap notice is not repeated, it would hide everything else.
    if (rates.follow(nowMs - this.d.startMs()) || board.rateMultiplier !== before) {
      this.d.scheduler().setRate(this.d.part(rates.aimed()), nowMs);
    }
  }

  /** When the next timeline entry is due (epoch ms; Infinity when none is left). */
  nextTimelineMs(): number {
    return this.d.startMs() + (this.d.settings.timeline[this.nextTimeline]?.atMs ?? Infinity);
  }

  topicNameOf(a: RunningAnomaly): string | undefined {
    return a.topicIndex >= 0 ? this.d.ledgers[a.topicIndex]?.name : undefined;
  }

  private describe(a: RunningAnomaly): string {
    return describeTarget(a, this.d.settings.scenario.devices, this.d.settings.scenario.topics);
  }
}
