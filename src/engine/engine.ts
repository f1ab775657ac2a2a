/**
 * The run loop: scheduler → fleet/model → pipeline → ledgers, steered only through commands.
 * Imports nothing from any front end; the dashboard, headless mode and tests drive it alike.
 */
import type { RunSettings } from "../config/types.ts";
import type { EventModel } from "../sim/types.ts";
import { NO_EFFECTS } from "../sim/types.ts";
import { Random } from "../sim/random.ts";
import { newRunId } from "../truth/run-id.ts";
import type { TopicTotals } from "../truth/records.ts";
import { AnomalyBoard, describeTarget } from "./anomaly-board.ts";
import type { RunningAnomaly } from "./anomaly-board.ts";
import { RecordWriter, type ValueEncoder } from "./record-writer.ts";
import { RunLog } from "./run-log.ts";
import { describeProfile } from "./rate-profile.ts";
import { RateControl } from "./rate-control.ts";
import { SequenceStamper } from "./sequence-stamper.ts";
import { TruthLog } from "./truth-log.ts";
import type { Clock } from "./clock.ts";
import { sleep, systemClock } from "./clock.ts";
import type { AnomalyRequest, Command, CommandResult } from "./commands.ts";
import { applyRateCommand } from "./rate-commands.ts";
import { ErrorLog } from "./error-log.ts";
import { Pipeline } from "./pipeline.ts";
import { Scheduler } from "./scheduler.ts";
import type { ProduceSink } from "./sink.ts";
import type { ConnectionState, IntervalHistograms, RunEvent, RunState, Snapshot } from "./snapshot.ts";
import { sumCounts, TopicLedger } from "./topic-ledger.ts";

/** Events generated per slice before the loop yields to I/O (acks must get through). */
const SLICE_EVENTS = 512;
/** How long the final flush waits for outstanding acks. */
const FLUSH_TIMEOUT_MS = 30_000;
/** How long the stop waits for the ground truth's last records (run end) to be acked. */
const TRUTH_DRAIN_MS = 10_000;
/** How long after --duration events intended before it may still be generated (a late tick). */
const END_CATCH_UP_MS = 100;
/** How often the loop looks for room while every request slot is taken. */
const CAPACITY_POLL_MS = 100;
/** How long closing the sink may take (a frozen broker never answers the goodbye). */
const CLOSE_TIMEOUT_MS = 5000;
/**
 * Closed intervals the snapshot keeps (about 95 KB per histogram), so a reader whose timer runs
 * late misses none.
 */
const KEPT_INTERVALS = 8;
/** How often a rate profile re-aims the scheduler (and the longest the loop sleeps under one). */
const PROFILE_STEP_MS = 100;

export interface EngineDeps {
  settings: RunSettings;
  model: EventModel;
  sink: ProduceSink;
  clock?: Clock;
  /** How long the final flush waits for outstanding acks (default 30 s). */
  flushTimeoutMs?: number;
  /** Run id for the surge-run header and the ground truth; a fresh sortable one by default. */
  runId?: string;
  /** Per topic (Scenario.topics order): how a record's JSON becomes bytes; absent = JSON as is. */
  encoders?: readonly (ValueEncoder | undefined)[];
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
  private readonly rates: RateControl;
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
  private readonly intervals: IntervalHistograms[] = [];
  private nextDevice = 0;
  private notice = "";
  private stopping: Promise<Snapshot> | undefined;
  private resolveDone: (s: Snapshot) => void = () => {};
  /** Resolves with the final snapshot once the run has stopped and flushed. */
  readonly done: Promise<Snapshot>;
  private sliceNowMs = 0;
  /** Lateness of the device event being built; -1 when the rate is "max" (nothing intended). */
  private currentLateMs = -1;
  private readonly board: AnomalyBoard;
  private readonly writer: RecordWriter;
  private readonly truth: TruthLog;
  private readonly log = new RunLog();
  private nextTimeline = 0;
  readonly runId: string;

  constructor(deps: EngineDeps) {
    this.settings = deps.settings;
    this.model = deps.model;
    this.sink = deps.sink;
    this.clock = deps.clock ?? systemClock;
    this.flushTimeoutMs = deps.flushTimeoutMs ?? FLUSH_TIMEOUT_MS;
    this.ledgers = this.settings.scenario.topics.map((t) => new TopicLedger(t.role, t.name));
    deps.encoders?.forEach((e, i) => {
      const ledger = this.ledgers[i];
      if (e && ledger) ledger.format = e.format;
    });
    const p = this.settings.producer;
    this.pipeline = new Pipeline(this.sink, this.ledgers, this.errors, this.clock, {
      batchSize: p.batchSize, lingerMs: p.lingerMs, maxInFlight: p.maxInFlight,
    });
    this.pipeline.onSettled = () => this.onSlotFree();
    const devices = this.settings.scenario.devices;
    this.rates = new RateControl(devices, this.settings.scenario.maxRatePerDevice, this.settings.rate, this.settings.profile,
      () => this.board.rateMultiplier);
    this.noteCap();
    this.scheduler = new Scheduler(this.rates.base, this.clock.now());
    this.runId = deps.runId ?? newRunId(this.clock.now(), Math.random);
    const anomalyRandom = new Random((this.settings.seed ^ 0x5eed_a11e) >>> 0);
    this.board = new AnomalyBoard(devices, this.settings.scenario.topics, anomalyRandom);
    this.truth = new TruthLog(this.sink, this.settings.truthTopic, this.runId, this.errors, () => this.clock.now());
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.writer = new RecordWriter(this.ledgers, this.pipeline, new SequenceStamper(this.runId, devices, this.ledgers.length), anomalyRandom, deps.encoders ?? []);
  }

  /** Connects, prepares topics and starts generating; rejects with a user-facing message. */
  async start(): Promise<string[]> {
    this.sink.onEvent = (message) => this.event(this.clock.now(), message);
    await this.sink.connect((state, detail) => {
      this.connection = state;
      if (detail) this.notice = detail;
    });
    const names = this.ledgers.map((l) => l.name);
    const notes = await this.sink.prepareTopics(this.truth.enabled ? [...names, this.truth.topic] : names);
    const now = this.clock.now();
    this.startMs = now;
    this.intervalStartMs = now;
    this.noteCap();
    this.scheduler = new Scheduler(this.rates.aimed(), now);
    this.state = "running";
    const s = this.settings;
    this.truth.runStart({
      scenario: s.scenario.name, seed: s.seed, devices: s.scenario.devices, startedMs: now,
      topics: s.scenario.topics.map((t) => ({ role: t.role, name: t.name })),
      producer: { acks: s.producer.acks, idempotent: s.producer.idempotent },
    });
    if (s.profile) this.event(now, `rate profile: ${describeProfile(s.profile)}`);
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
      case "nudgeRate": {
        const wasProfile = this.rates.followsProfile;
        const result = applyRateCommand(command, this.rates.base, (r) => {
          const applied = this.rates.setByHand(r);
          this.noteCap();
          this.scheduler.setRate(this.rates.aimed(), now);
          return applied;
        });
        if (result.ok && wasProfile) result.message += " (rate profile stopped)";
        return this.note(result);
      }
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
        if (this.state === "starting") return this.note({ ok: false, message: "not connected yet: inject once the run has started" });
        return this.note(this.inject(command.anomaly, now, command.source ?? "command"));
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

  /** The recent run events alone: cheap enough to poll often. */
  recentEvents(): readonly RunEvent[] {
    return this.log.snapshot();
  }

  /** The last closed intervals alone (see Snapshot.intervals): cheap enough to poll often. */
  recentIntervals(): readonly IntervalHistograms[] {
    return Object.freeze([...this.intervals]);
  }

  snapshot(): Snapshot {
    const now = this.clock.now();
    const end = Number.isNaN(this.stopMs) ? now : this.stopMs;
    const topics = this.ledgers.map((l) => l.snapshot(now));
    return Object.freeze({
      scenario: this.settings.scenario.name,
      runId: this.runId,
      truthTopic: this.settings.truthTopic,
      profile: this.rates.profileText(),
      brokers: Object.freeze([...this.settings.brokers]),
      brokerStates: this.sink.brokerStates?.() ?? [],
      seed: this.settings.seed,
      connection: this.connection,
      state: this.state,
      takenMs: now,
      elapsedMs: Number.isNaN(this.startMs) ? 0 : end - this.startMs,
      targetRate: this.rates.requested,
      effectiveRate: this.scheduler.currentRate,
      generatedPerSec: this.generatedPerSec,
      ackedPerSec: topics.reduce((sum, t) => sum + t.window.ackedPerSec, 0),
      behind: this.scheduler.skipped,
      totals: Object.freeze(sumCounts(this.ledgers)),
      topics: Object.freeze(topics),
      errors: this.errors.snapshot(),
      anomalies: this.board.snapshot(),
      events: this.log.snapshot(),
      notice: this.notice,
      intervals: this.recentIntervals(),
    });
  }

  private inject(request: AnomalyRequest, nowMs: number, source: string): CommandResult {
    const before = this.board.rateMultiplier;
    const { result, started } = this.board.start(request, nowMs, source);
    if (!started) return result;
    this.truth.anomaly(started, this.topicNameOf(started));
    if (this.board.rateMultiplier !== before) this.scheduler.setRate(this.rates.aimed(), nowMs);
    this.event(nowMs, `${result.message} (${source})`);
    this.wake();
    return result;
  }

  /** Ends due anomalies, starts due timeline entries and follows the rate profile. */
  private steer(nowMs: number): void {
    const before = this.board.rateMultiplier;
    for (const a of this.board.expire(nowMs)) this.event(nowMs, `${a.kind.name} ended (${this.describe(a)})`);
    const timeline = this.settings.timeline;
    while (this.nextTimeline < timeline.length && (timeline[this.nextTimeline]?.atMs ?? Infinity) <= nowMs - this.startMs) {
      const entry = timeline[this.nextTimeline++];
      if (!entry) break;
      const result = this.inject(entry, nowMs, "timeline");
      if (!result.ok) this.event(nowMs, `timeline: ${result.message}`);
    }
    // A profile re-aims every 100 ms: its cap notice is not repeated, it would hide everything else.
    if (this.rates.follow(nowMs - this.startMs) || this.board.rateMultiplier !== before) {
      this.scheduler.setRate(this.rates.aimed(), nowMs);
    }
  }

  private describe(a: RunningAnomaly): string {
    return describeTarget(a, this.settings.scenario.devices, this.settings.scenario.topics);
  }

  private topicNameOf(a: RunningAnomaly): string | undefined {
    return a.topicIndex >= 0 ? this.ledgers[a.topicIndex]?.name : undefined;
  }

  private event(nowMs: number, message: string): void {
    this.log.add(Number.isNaN(this.startMs) ? 0 : nowMs - this.startMs, message);
    this.notice = message;
  }

  private noteCap(): void {
    if (this.rates.capNotice) this.notice = this.rates.capNotice;
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
      // wake, not schedule: the end-of-duration timer set while waiting must not delay this.
      this.wake();
    }
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    if (this.stopping) return;
    const now = this.clock.now();
    this.sliceNowMs = now;
    const endMs = this.settings.durationMs > 0 ? this.startMs + this.settings.durationMs : Infinity;
    this.steer(now);
    this.pipeline.flushDue(now);
    let budget = SLICE_EVENTS;
    if (this.settings.count > 0) budget = Math.min(budget, this.settings.count - this.events);
    while (budget > 0 && this.pipeline.hasCapacity()) {
      // Events intended before the end of --duration are still owed, even if this tick is late.
      const due = this.scheduler.due(now, Math.min(budget, 64), endMs);
      if (due.count === 0) break;
      for (let i = 0; i < due.count; i++) {
        this.currentLateMs = due.spacingMs > 0 ? Math.max(0, now - (due.firstIntendedMs + i * due.spacingMs)) : -1;
        this.emitNext();
      }
      this.scheduler.consume(due.count);
      budget -= due.count;
    }
    this.pipeline.flushDue(this.clock.now());
    // The duration always ends the run: a short catch-up on what was owed, then what the producer
    // could not make is counted as behind.
    if (now >= endMs && (this.scheduler.doneBefore(endMs) || now >= endMs + END_CATCH_UP_MS)) {
      this.scheduler.skipBefore(endMs);
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
      // The sink may make room without a send settling (a stuck partition set aside), and a broker
      // that never answers must not keep the run past --duration: look again soon.
      this.schedule(CAPACITY_POLL_MS);
      return;
    }
    const now = this.clock.now();
    const nextDue = this.scheduler.nextDueMs();
    let wakeAt = Math.min(Number.isNaN(nextDue) ? Infinity : nextDue, this.pipeline.nextDeadlineMs());
    if (this.settings.durationMs > 0) wakeAt = Math.min(wakeAt, this.startMs + this.settings.durationMs);
    wakeAt = Math.min(wakeAt, this.board.nextEndMs(), this.startMs + (this.settings.timeline[this.nextTimeline]?.atMs ?? Infinity));
    if (this.rates.followsProfile) wakeAt = Math.min(wakeAt, now + PROFILE_STEP_MS);
    if (wakeAt === Infinity) wakeAt = now + 100;
    this.schedule(wakeAt - now);
  }

  private emitNext(): void {
    const device = this.nextDevice;
    this.nextDevice = device + 1 >= this.settings.scenario.devices ? 0 : device + 1;
    const plan = this.board.isEmpty ? undefined : this.board.planFor(device, this.sliceNowMs);
    this.writer.beginEvent(device, this.sliceNowMs, this.currentLateMs, plan);
    if (plan) this.model.emit(device, this.sliceNowMs + plan.timeShiftMs, this.writer.sink, plan.effects);
    else this.model.emit(device, this.sliceNowMs, this.writer.sink, NO_EFFECTS);
    this.events++;
    this.intervalEvents++;
  }

  private closeInterval(): void {
    const now = this.clock.now();
    const length = now - this.intervalStartMs;
    const topics = Object.freeze(this.ledgers.map((l) => l.closeInterval(length)));
    this.intervals.push(Object.freeze({ seq: (this.intervals.at(-1)?.seq ?? 0) + 1, startMs: this.intervalStartMs, endMs: now, topics }));
    if (this.intervals.length > KEPT_INTERVALS) this.intervals.shift();
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
    const stoppedAt = this.clock.now();
    // Anomalies cut short by the stop: the ground truth gets their real end.
    for (const a of this.board.expire(stoppedAt, true)) {
      if (a.endsMs > stoppedAt) this.truth.anomaly(a, this.topicNameOf(a), stoppedAt);
    }
    const deadline = this.clock.now() + this.flushTimeoutMs;
    await this.pipeline.flushAll(deadline);
    for (const l of this.ledgers) if (l.inFlight > 0) l.recordUnsent(l.inFlight);
    this.pipeline.seal();
    if (!Number.isNaN(this.startMs)) {
      this.truth.runEnd({ endedMs: this.clock.now(), topics: this.ledgers.map((l): TopicTotals => ({
        name: l.name, generated: l.generated, acked: l.acked, failed: l.failed, unsent: l.unsent,
        dropped: l.dropped, duplicated: l.duplicated,
      })) });
      // The run end gets what is left of the flush timeout (at least a second, at most 10 s).
      const truthMs = Math.min(TRUTH_DRAIN_MS, Math.max(1000, deadline - this.clock.now()));
      const drained = await Promise.race([this.truth.drained().then(() => true), sleep(truthMs).then(() => false)]);
      if (!drained) {
        this.errors.record(this.truth.topic, "TIMEOUT", "ground truth: the run-end record was not acked in time", 1, this.clock.now());
      }
    }
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    this.closeInterval();
    await Promise.race([this.sink.close().catch(() => undefined), sleep(CLOSE_TIMEOUT_MS)]);
    this.connection = this.sink.kind === "dry-run" ? "dry-run" : "closed";
    this.state = "stopped";
    const final = this.snapshot();
    this.resolveDone(final);
    return final;
  }
}

