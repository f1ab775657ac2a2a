/**
 * The run loop: scheduler → fleet/model → pipeline → ledgers, steered only through commands.
 * Imports nothing from any front end; the dashboard, headless mode and tests drive it alike.
 * (Over 300 lines: the loop, its timers and the command switch share the run's state; steering,
 * interval recording and the stop sequence are in their own files.)
 */
import type { RunSettings } from "../config/types.ts";
import type { EventModel } from "../sim/types.ts";
import { NO_EFFECTS } from "../sim/types.ts";
import { Random } from "../sim/random.ts";
import { newRunId } from "../truth/run-id.ts";
import { AckedOffsets, ACKED_OFFSETS_EVERY_MS } from "./acked-offsets.ts";
import { AnomalyBoard } from "./anomaly-board.ts";
import { segmentText } from "../common/segment.ts";
import { RecordWriter, type ValueEncoder } from "./record-writer.ts";
import { RunLog } from "./run-log.ts";
import { DeviceShare } from "./device-share.ts";
import { describeProfile } from "./rate-profile.ts";
import { RateControl } from "./rate-control.ts";
import { SequenceStamper } from "./sequence-stamper.ts";
import { LIFE_SEQS } from "../truth/records.ts";
import { TruthLog } from "./truth-log.ts";
import type { Clock } from "./clock.ts";
import { systemClock } from "./clock.ts";
import type { Command, CommandResult } from "./commands.ts";
import { applyRateCommand } from "./rate-commands.ts";
import { ErrorLog } from "./error-log.ts";
import { stopSequence } from "./stop-sequence.ts";
import { Steering } from "./steering.ts";
import { IntervalRecorder } from "./interval-recorder.ts";
import { Pipeline } from "./pipeline.ts";
import { Scheduler } from "./scheduler.ts";
import type { ProduceSink } from "./sink.ts";
import type { ConnectionState, IntervalHistograms, RunEvent, RunState, Snapshot } from "./snapshot.ts";
import { sumCounts, TopicLedger } from "./topic-ledger.ts";
import type { ReadBackPort } from "./read-back-port.ts";

/** Events generated per slice before the loop yields to I/O (acks must get through). */
const SLICE_EVENTS = 512;
/** How long the final flush waits for outstanding acks. */
const FLUSH_TIMEOUT_MS = 30_000;
/** How long after --duration events intended before it may still be generated (a late tick). */
const END_CATCH_UP_MS = 100;
/** How often the loop looks for room while every request slot is taken. */
const CAPACITY_POLL_MS = 100;
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
  /** --e2e / --follow (src/e2e): made once the run id is known. */
  readBack?: (runId: string) => ReadBackPort;
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
  private offsetsTimer: ReturnType<typeof setInterval> | undefined;
  private acked: AckedOffsets | undefined;
  private waitingForCapacity = false;
  private events = 0;
  private readonly intervals: IntervalRecorder;
  private readonly deviceShare: DeviceShare;
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
  private readonly stamper: SequenceStamper;
  /** A restarted instance's life (0: the first start); see startLife. */
  private life = 0;
  private readonly truth: TruthLog;
  private readonly log = new RunLog();
  private readonly steering: Steering;
  readonly runId: string;
  private readonly readBack: ReadBackPort | undefined;

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
    this.intervals = new IntervalRecorder(this.ledgers, this.clock, (nowMs) => this.readBack?.closeInterval(nowMs));
    const p = this.settings.producer;
    this.pipeline = new Pipeline(this.sink, this.ledgers, this.errors, this.clock, {
      batchSize: p.batchSize,
      lingerMs: p.lingerMs,
      maxInFlight: p.maxInFlight,
    });
    this.pipeline.onSettled = () => this.onSlotFree();
    const devices = this.settings.scenario.devices;
    this.deviceShare = new DeviceShare(devices, this.settings.segment);
    this.rates = new RateControl(
      devices,
      this.settings.scenario.maxRatePerDevice,
      this.settings.rate,
      this.settings.profile,
      () => this.board.rateMultiplier,
    );
    this.noteCap();
    this.scheduler = new Scheduler(this.deviceShare.part(this.rates.base), this.clock.now());
    this.runId = deps.runId ?? this.settings.runId ?? newRunId(this.clock.now(), Math.random);
    const anomalyRandom = new Random((this.settings.seed ^ 0x5eed_a11e) >>> 0);
    this.board = new AnomalyBoard(devices, this.settings.scenario.topics, anomalyRandom);
    this.truth = new TruthLog(
      this.sink,
      this.settings.truthTopic,
      this.runId,
      this.errors,
      () => this.clock.now(),
      this.settings.segment ? segmentText(this.settings.segment) : undefined,
    );
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.steering = new Steering({
      settings: this.settings,
      board: this.board,
      rates: this.rates,
      truth: this.truth,
      ledgers: this.ledgers,
      scheduler: () => this.scheduler,
      startMs: () => this.startMs,
      part: (rate) => this.deviceShare.part(rate),
      event: (nowMs, message) => this.event(nowMs, message),
      wake: () => this.wake(),
    });
    this.readBack = deps.readBack?.(this.runId);
    this.writer = new RecordWriter(
      this.ledgers,
      this.pipeline,
      (this.stamper = new SequenceStamper(this.runId, devices, this.ledgers.length)),
      anomalyRandom,
      this.readBack,
      deps.encoders ?? [],
    );
  }

  /**
   * Before start: this is life `life` of an instance restarted into its running run (the fleet
   * gate counted its earlier lives). Its sequences start at life × LIFE_SEQS so `surge verify`
   * never takes them for an earlier life's.
   */
  startLife(life: number): void {
    if (life <= 0) return;
    this.life = life;
    this.truth.life = life;
    this.stamper.rebase(life * LIFE_SEQS);
  }

  /** Connects, prepares topics and starts generating; rejects with a user-facing message. */
  async start(): Promise<string[]> {
    this.sink.onEvent = (message) => this.event(this.clock.now(), message);
    await this.sink.connect((state, detail) => {
      this.connection = state;
      if (detail) this.notice = detail;
    });
    const names = this.ledgers.map((l) => l.name);
    if (this.truth.enabled) {
      const acked = (this.acked = new AckedOffsets(new Set(names), this.clock.now()));
      this.sink.onAcked = (topic, partition, base, count) => acked.note(topic, partition, base, count);
    }
    const notes = await this.sink.prepareTopics(this.truth.enabled ? [...names, this.truth.topic] : names);
    // The read-back starts at the topics' current end, before the first record is written.
    await this.readBack?.start();
    const now = this.clock.now();
    this.startMs = now;
    this.noteCap();
    this.scheduler = new Scheduler(this.deviceShare.part(this.rates.aimed()), now);
    this.state = "running";
    const s = this.settings;
    this.truth.runStart({
      scenario: s.scenario.name,
      seed: s.seed,
      devices: s.scenario.devices,
      startedMs: now,
      topics: s.scenario.topics.map((t) => ({ role: t.role, name: t.name })),
      producer: { acks: s.producer.acks, idempotent: s.producer.idempotent },
      ...(this.life > 0 ? { life: this.life, seqBase: this.life * LIFE_SEQS } : {}),
    });
    if (s.profile) this.event(now, `rate profile: ${describeProfile(s.profile)}`);
    this.intervals.start(now, this.settings.intervalMs);
    if (this.acked) this.offsetsTimer = setInterval(() => this.writeAckedOffsets(), ACKED_OFFSETS_EVERY_MS);
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
          this.scheduler.setRate(this.deviceShare.part(this.rates.aimed()), now);
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
        this.readBack?.resetHistograms();
        return this.note({ ok: true, message: "histograms reset" });
      case "inject":
        if (this.state === "starting")
          return this.note({ ok: false, message: "not connected yet: inject once the run has started" });
        return this.note(this.steering.inject(command.anomaly, now, command.source ?? "command"));
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
    return this.intervals.recent();
  }

  snapshot(): Snapshot {
    const now = this.clock.now();
    const end = Number.isNaN(this.stopMs) ? now : this.stopMs;
    const topics = this.ledgers.map((l) => l.snapshot(now));
    return Object.freeze({
      scenario: this.settings.scenario.name,
      runId: this.runId,
      ...(this.settings.segment
        ? { segment: segmentText(this.settings.segment), segmentDevices: this.deviceShare.count }
        : {}),
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
      generatedPerSec: this.intervals.generatedPerSec,
      ackedPerSec: topics.reduce((sum, t) => sum + t.window.ackedPerSec, 0),
      behind: this.scheduler.skipped,
      totals: Object.freeze(sumCounts(this.ledgers)),
      topics: Object.freeze(topics),
      errors: this.errors.snapshot(),
      anomalies: this.board.snapshot(),
      events: this.log.snapshot(),
      notice: this.notice,
      intervals: this.recentIntervals(),
      ...(this.readBack ? { e2e: this.readBack.snapshot(now) } : {}),
    });
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
    this.steering.steer(now);
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
    wakeAt = Math.min(wakeAt, this.board.nextEndMs(), this.steering.nextTimelineMs());
    if (this.rates.followsProfile) wakeAt = Math.min(wakeAt, now + PROFILE_STEP_MS);
    if (wakeAt === Infinity) wakeAt = now + 100;
    this.schedule(wakeAt - now);
  }

  private emitNext(): void {
    const device = this.deviceShare.take();
    const plan = this.board.isEmpty ? undefined : this.board.planFor(device, this.sliceNowMs);
    this.writer.beginEvent(device, this.sliceNowMs, this.currentLateMs, plan);
    if (plan) this.model.emit(device, this.sliceNowMs + plan.timeShiftMs, this.writer.sink, plan.effects);
    else this.model.emit(device, this.sliceNowMs, this.writer.sink, NO_EFFECTS);
    this.events++;
    this.intervals.countEvent();
  }

  /** The offsets acked since the last time, into the ground truth (verify tells retention from loss by them). */
  private writeAckedOffsets(): void {
    const taken = this.acked?.take(this.clock.now());
    if (taken) this.truth.ackedOffsets(taken);
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
      if (a.endsMs > stoppedAt) this.truth.anomaly(a, this.steering.topicNameOf(a), stoppedAt);
    }
    if (this.offsetsTimer) clearInterval(this.offsetsTimer);
    await stopSequence({
      clock: this.clock,
      flushTimeoutMs: this.flushTimeoutMs,
      pipeline: this.pipeline,
      ledgers: this.ledgers,
      truth: this.truth,
      errors: this.errors,
      intervals: this.intervals,
      sink: this.sink,
      started: !Number.isNaN(this.startMs),
      beforeRunEnd: () => this.writeAckedOffsets(),
      // What was acked is read back, and what the pipelines owe comes out or is given up on.
      beforeClose: async () => {
        if (!Number.isNaN(this.startMs)) await this.readBack?.finish();
      },
    });
    this.connection = this.sink.kind === "dry-run" ? "dry-run" : "closed";
    this.state = "stopped";
    const final = this.snapshot();
    this.resolveDone(final);
    return final;
  }
}
