/**
 * A run: scheduler → fleet/model → pipeline → ledgers, steered only through commands.
 * Imports nothing from any front end; the dashboard, headless mode and tests drive it alike.
 * (Over 300 lines: it wires a dozen parts that share the run's state and its start and stop; the
 * loop (run-loop.ts), the commands (command-switch.ts), snapshots (take-snapshot.ts), steering,
 * interval recording and the stop sequence are in their own files.)
 */
import type { RunSettings } from "../config/types.ts";
import type { EventModel } from "../sim/types.ts";
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
import { applyCommand } from "./command-switch.ts";
import { ErrorLog } from "./error-log.ts";
import { stopSequence } from "./stop-sequence.ts";
import { Steering } from "./steering.ts";
import { IntervalRecorder } from "./interval-recorder.ts";
import { Pipeline } from "./pipeline.ts";
import { takeSnapshot } from "./take-snapshot.ts";
import { RunLoop } from "./run-loop.ts";
import { Scheduler } from "./scheduler.ts";
import type { ProduceSink } from "./sink.ts";
import type { ConnectionState, IntervalHistograms, RunEvent, RunState, Snapshot } from "./snapshot.ts";
import { TopicLedger } from "./topic-ledger.ts";
import type { ReadBackPort } from "./read-back-port.ts";

/** How long the final flush waits for outstanding acks. */
const FLUSH_TIMEOUT_MS = 30_000;

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
  private offsetsTimer: ReturnType<typeof setInterval> | undefined;
  private acked: AckedOffsets | undefined;
  private readonly intervals: IntervalRecorder;
  private readonly deviceShare: DeviceShare;
  private notice = "";
  private stopping: Promise<Snapshot> | undefined;
  private resolveDone: (s: Snapshot) => void = () => {};
  /** Resolves with the final snapshot once the run has stopped and flushed. */
  readonly done: Promise<Snapshot>;
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
  private readonly loop: RunLoop;

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
    this.pipeline.onSettled = () => this.loop.onSlotFree();
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
      wake: () => this.loop.wake(),
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
    this.loop = new RunLoop({
      settings: this.settings,
      clock: this.clock,
      model: this.model,
      pipeline: this.pipeline,
      scheduler: () => this.scheduler,
      steering: this.steering,
      board: this.board,
      deviceShare: this.deviceShare,
      writer: this.writer,
      intervals: this.intervals,
      rates: this.rates,
      startMs: () => this.startMs,
      stop: () => void this.stop(),
    });
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
    this.loop.schedule(0);
    return notes;
  }

  dispatch(command: Command): CommandResult {
    if (this.state === "stopping" || this.state === "stopped") {
      return { ok: false, message: "the run is stopping" };
    }
    return this.note(
      applyCommand(command, {
        nowMs: this.clock.now(),
        state: this.state,
        setState: (state) => (this.state = state),
        rates: this.rates,
        scheduler: this.scheduler,
        part: (rate) => this.deviceShare.part(rate),
        noteCap: () => this.noteCap(),
        ledgers: this.ledgers,
        readBack: this.readBack,
        steering: this.steering,
        wake: () => this.loop.wake(),
        stop: () => void this.stop(),
      }),
    );
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
    return takeSnapshot(
      {
        settings: this.settings,
        runId: this.runId,
        deviceShare: this.deviceShare,
        rates: this.rates,
        sink: this.sink,
        connection: this.connection,
        state: this.state,
        startMs: this.startMs,
        stopMs: this.stopMs,
        scheduler: this.scheduler,
        intervals: this.intervals,
        ledgers: this.ledgers,
        errors: this.errors,
        board: this.board,
        log: this.log,
        notice: this.notice,
        readBack: this.readBack,
      },
      this.clock.now(),
    );
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

  /** The offsets acked since the last time, into the ground truth (verify tells retention from loss by them). */
  private writeAckedOffsets(): void {
    const taken = this.acked?.take(this.clock.now());
    if (taken) this.truth.ackedOffsets(taken);
  }

  private async finish(): Promise<Snapshot> {
    this.state = "stopping";
    this.loop.halt();
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
