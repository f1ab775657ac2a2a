/**
 * The run loop: scheduler → fleet/model → pipeline → ledgers, steered only through commands.
 * Imports nothing from any front end; the dashboard, headless mode and tests drive it alike.
 */
import type { RunSettings } from "../config/types.ts";
import type { EventModel, RecordSink } from "../sim/types.ts";
import { NO_EFFECTS } from "../sim/types.ts";
import type { Clock } from "./clock.ts";
import { systemClock } from "./clock.ts";
import type { Command, CommandResult } from "./commands.ts";
import { RateCap } from "./rate-cap.ts";
import { applyRateCommand } from "./rate-commands.ts";
import { ErrorLog } from "./error-log.ts";
import { Pipeline } from "./pipeline.ts";
import { Scheduler } from "./scheduler.ts";
import type { ProduceSink } from "./sink.ts";
import type { ConnectionState, RunState, Snapshot } from "./snapshot.ts";
import { sumCounts, TopicLedger } from "./topic-ledger.ts";

/** Events generated per slice before the loop yields to I/O (acks must get through). */
const SLICE_EVENTS = 512;
/** How long the final flush waits for outstanding acks. */
const FLUSH_TIMEOUT_MS = 30_000;

export interface EngineDeps {
  settings: RunSettings;
  model: EventModel;
  sink: ProduceSink;
  clock?: Clock;
  /** How long the final flush waits for outstanding acks (default 30 s). */
  flushTimeoutMs?: number;
}

export class Engine {
  private readonly settings: RunSettings;
  private readonly model: EventModel;
  private readonly sink: ProduceSink;
  private readonly clock: Clock;
  private readonly flushTimeoutMs: number;
  private readonly ledgers: TopicLedger[];
  private readonly errors = new ErrorLog();
  private readonly pipeline: Pipeline;
  private scheduler: Scheduler;
  private readonly rateCap: RateCap;
  private connection: ConnectionState = "connecting";
  private state: RunState = "starting";
  private startMs = NaN;
  private stopMs = NaN;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  private intervalTimer: ReturnType<typeof setInterval> | undefined;
  private waitingForCapacity = false;
  private events = 0;
  private intervalEvents = 0;
  private intervalStartMs = NaN;
  private generatedPerSec = 0;
  private nextDevice = 0;
  private notice = "";
  private stopping: Promise<Snapshot> | undefined;
  private resolveDone: (s: Snapshot) => void = () => {};
  /** Resolves with the final snapshot once the run has stopped and flushed. */
  readonly done: Promise<Snapshot>;
  private readonly recordSink: RecordSink;
  private sliceNowMs = 0;
  /** Lateness of the device event being built; -1 when the rate is "max" (nothing intended). */
  private currentLateMs = -1;

  constructor(deps: EngineDeps) {
    this.settings = deps.settings;
    this.model = deps.model;
    this.sink = deps.sink;
    this.clock = deps.clock ?? systemClock;
    this.flushTimeoutMs = deps.flushTimeoutMs ?? FLUSH_TIMEOUT_MS;
    this.ledgers = this.settings.scenario.topics.map((t) => new TopicLedger(t.role, t.name));
    const p = this.settings.producer;
    this.pipeline = new Pipeline(this.sink, this.ledgers, this.errors, this.clock, {
      batchSize: p.batchSize, lingerMs: p.lingerMs, maxInFlight: p.maxInFlight,
    });
    this.pipeline.onSettled = () => this.onSlotFree();
    this.rateCap = new RateCap(this.settings.scenario.devices, this.settings.scenario.maxRatePerDevice, this.settings.rate);
    this.scheduler = new Scheduler(this.cappedRate(this.settings.rate), this.clock.now());
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.recordSink = {
      push: (topicIndex, key, value, headers) => {
        // Lateness belongs to the device event; every record it writes shares it.
        if (this.currentLateMs >= 0) this.ledgers[topicIndex]?.recordLateness(this.currentLateMs);
        this.pipeline.add(topicIndex, headers ? { key, value, headers } : { key, value }, this.sliceNowMs);
      },
    };
  }

  /** Connects, prepares topics and starts generating; rejects with a user-facing message. */
  async start(): Promise<string[]> {
    await this.sink.connect((state, detail) => {
      this.connection = state;
      if (detail) this.notice = detail;
    });
    const notes = await this.sink.prepareTopics(this.ledgers.map((l) => l.name));
    const now = this.clock.now();
    this.startMs = now;
    this.intervalStartMs = now;
    this.scheduler = new Scheduler(this.cappedRate(this.settings.rate), now);
    this.state = "running";
    this.intervalTimer = setInterval(() => this.closeInterval(), this.settings.intervalMs);
    this.schedule(0);
    return notes;
  }

  dispatch(command: Command): CommandResult {
    const now = this.clock.now();
    if (this.state === "stopping" || this.state === "stopped") {
      return { ok: false, message: "the run is stopping" };
    }
    switch (command.type) {
      case "setRate":
      case "nudgeRate":
        return this.note(applyRateCommand(command, this.scheduler, now, (r) => this.cappedRate(r)));
      case "pause":
        this.scheduler.pause(now);
        this.state = "paused";
        return this.note({ ok: true, message: "paused" });
      case "resume":
        this.scheduler.resume(now);
        this.state = "running";
        this.wake();
        return this.note({ ok: true, message: "resumed" });
      case "togglePause":
        return this.dispatch({ type: this.scheduler.isPaused ? "resume" : "pause" });
      case "resetHistograms":
        for (const l of this.ledgers) l.resetHistograms();
        return this.note({ ok: true, message: "histograms reset" });
      case "inject":
        return this.note({ ok: false, message: `anomaly "${command.anomaly.kind}" is not available yet` });
      case "stop":
        void this.stop();
        return this.note({ ok: true, message: "stopping: flushing what is in flight" });
    }
  }

  /** Stops generating, flushes, waits for acks (bounded), closes the sink. Idempotent. */
  stop(): Promise<Snapshot> {
    if (this.stopping) return this.stopping;
    this.stopping = this.finish();
    return this.stopping;
  }

  snapshot(): Snapshot {
    const now = this.clock.now();
    const end = Number.isNaN(this.stopMs) ? now : this.stopMs;
    const topics = this.ledgers.map((l) => l.snapshot(now));
    return Object.freeze({
      scenario: this.settings.scenario.name,
      brokers: Object.freeze([...this.settings.brokers]),
      seed: this.settings.seed,
      connection: this.connection,
      state: this.state,
      takenMs: now,
      elapsedMs: Number.isNaN(this.startMs) ? 0 : end - this.startMs,
      targetRate: this.rateCap.requested,
      effectiveRate: this.scheduler.currentRate,
      generatedPerSec: this.generatedPerSec,
      ackedPerSec: topics.reduce((sum, t) => sum + t.window.ackedPerSec, 0),
      behind: this.scheduler.skipped,
      totals: Object.freeze(sumCounts(this.ledgers)),
      topics: Object.freeze(topics),
      errors: this.errors.snapshot(),
      anomalies: Object.freeze([]),
      notice: this.notice,
    });
  }

  private cappedRate(rate: number | "max"): number | "max" {
    const applied = this.rateCap.apply(rate);
    if (this.rateCap.notice) this.notice = this.rateCap.notice;
    return applied;
  }

  private note(result: CommandResult): CommandResult {
    this.notice = result.message;
    return result;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.immediate || this.stopping) return;
    if (delayMs <= 0) this.immediate = setImmediate(this.tick);
    else this.timer = setTimeout(this.tick, Math.min(delayMs, 1000));
  }

  private wake(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.schedule(0);
  }

  private onSlotFree(): void {
    if (this.waitingForCapacity && !this.stopping) {
      this.waitingForCapacity = false;
      this.schedule(0);
    }
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    if (this.stopping) return;
    const now = this.clock.now();
    this.sliceNowMs = now;
    const endMs = this.settings.durationMs > 0 ? this.startMs + this.settings.durationMs : Infinity;
    // Events intended before the end of --duration are still owed, even if this tick is late.
    const horizon = Math.min(now, endMs - 0.001);
    this.pipeline.flushDue(now);
    let budget = SLICE_EVENTS;
    if (this.settings.count > 0) budget = Math.min(budget, this.settings.count - this.events);
    while (budget > 0 && this.pipeline.hasCapacity()) {
      if (this.settings.rate === "max" && now >= endMs) break;
      const due = this.scheduler.due(horizon, Math.min(budget, 64));
      if (due.count === 0) break;
      for (let i = 0; i < due.count; i++) {
        this.currentLateMs = due.spacingMs > 0 ? Math.max(0, now - (due.firstIntendedMs + i * due.spacingMs)) : -1;
        this.emitNext();
      }
      this.scheduler.consume(due.count);
      budget -= due.count;
    }
    this.pipeline.flushDue(this.clock.now());
    if (now >= endMs && (this.settings.rate === "max" || this.scheduler.nextDueMs() >= endMs)) {
      void this.stop();
      return;
    }
    this.planNextTick();
  };

  private planNextTick(): void {
    if (this.settings.count > 0 && this.events >= this.settings.count) {
      void this.stop();
      return;
    }
    if (!this.pipeline.hasCapacity()) {
      this.waitingForCapacity = true;
      return;
    }
    const now = this.clock.now();
    const nextDue = this.scheduler.nextDueMs();
    let wakeAt = Math.min(Number.isNaN(nextDue) ? Infinity : nextDue, this.pipeline.nextDeadlineMs());
    if (this.settings.durationMs > 0) wakeAt = Math.min(wakeAt, this.startMs + this.settings.durationMs);
    if (wakeAt === Infinity) wakeAt = now + 100;
    this.schedule(wakeAt - now);
  }

  private emitNext(): void {
    const device = this.nextDevice;
    this.nextDevice = device + 1 >= this.settings.scenario.devices ? 0 : device + 1;
    this.model.emit(device, this.sliceNowMs, this.recordSink, NO_EFFECTS);
    this.events++;
    this.intervalEvents++;
  }

  private closeInterval(): void {
    const now = this.clock.now();
    const length = now - this.intervalStartMs;
    for (const l of this.ledgers) l.closeInterval(length);
    this.generatedPerSec = (this.intervalEvents * 1000) / Math.max(length, 1);
    this.intervalEvents = 0;
    this.intervalStartMs = now;
  }

  private async finish(): Promise<Snapshot> {
    this.state = "stopping";
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    if (!Number.isNaN(this.startMs)) this.stopMs = this.clock.now();
    await this.pipeline.flushAll(this.clock.now() + this.flushTimeoutMs);
    for (const l of this.ledgers) if (l.inFlight > 0) l.recordUnsent(l.inFlight);
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    this.closeInterval();
    await this.sink.close().catch(() => undefined);
    this.connection = this.sink.kind === "dry-run" ? "dry-run" : "closed";
    this.state = "stopped";
    const final = this.snapshot();
    this.resolveDone(final);
    return final;
  }
}
