/**
 * The generating loop: each tick makes the events the scheduler says are due (in slices, so acks
 * get through), as the pipeline has room, then sleeps until the next thing is due.
 */
import type { RunSettings } from "../config/types.ts";
import type { EventModel } from "../sim/types.ts";
import { NO_EFFECTS } from "../sim/types.ts";
import type { AnomalyBoard } from "./anomaly-board.ts";
import type { Clock } from "./clock.ts";
import type { DeviceShare } from "./device-share.ts";
import type { IntervalRecorder } from "./interval-recorder.ts";
import type { Pipeline } from "./pipeline.ts";
import type { RateControl } from "./rate-control.ts";
import type { RecordWriter } from "./record-writer.ts";
import type { Scheduler } from "./scheduler.ts";
import type { Steering } from "./steering.ts";

/** Events generated per slice before the loop yields to I/O (acks must get through). */
const SLICE_EVENTS = 512;
/** How long after --duration events intended before it may still be generated (a late tick). */
const END_CATCH_UP_MS = 100;
/** How often the loop looks for room while every request slot is taken. */
const CAPACITY_POLL_MS = 100;
/** How often a rate profile re-aims the scheduler (and the longest the loop sleeps under one). */
const PROFILE_STEP_MS = 100;

export interface RunLoopParts {
  settings: RunSettings;
  clock: Clock;
  model: EventModel;
  pipeline: Pipeline;
  /** The engine replaces its scheduler when the rate changes: read it each time. */
  scheduler(): Scheduler;
  steering: Steering;
  board: AnomalyBoard;
  deviceShare: DeviceShare;
  writer: RecordWriter;
  intervals: IntervalRecorder;
  rates: RateControl;
  startMs(): number;
  /** The run is over (count reached or duration ended). */
  stop(): void;
}

export class RunLoop {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  private waitingForCapacity = false;
  private halted = false;
  /** Device events made so far. */
  events = 0;
  private sliceNowMs = 0;
  /** Lateness of the device event being built; -1 when the rate is "max" (nothing intended). */
  private currentLateMs = -1;

  constructor(private readonly p: RunLoopParts) {}

  schedule(delayMs: number): void {
    if (this.timer || this.immediate || this.halted) return;
    if (delayMs <= 0) this.immediate = setImmediate(this.tick);
    else this.timer = setTimeout(this.tick, Math.min(delayMs, 1000));
  }

  /** Runs a tick now, not at the time planned. */
  wake(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.schedule(0);
  }

  /** A request slot is free: a loop that waited for room goes on. */
  onSlotFree(): void {
    if (this.waitingForCapacity && !this.halted) {
      this.waitingForCapacity = false;
      // wake, not schedule: the end-of-duration timer set while waiting must not delay this.
      this.wake();
    }
  }

  /** No more ticks, ever. */
  halt(): void {
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    if (this.halted) return;
    const { settings, pipeline, clock } = this.p;
    const scheduler = this.p.scheduler();
    const now = clock.now();
    this.sliceNowMs = now;
    const endMs = settings.durationMs > 0 ? this.p.startMs() + settings.durationMs : Infinity;
    this.p.steering.steer(now);
    pipeline.flushDue(now);
    let budget = SLICE_EVENTS;
    if (settings.count > 0) budget = Math.min(budget, settings.count - this.events);
    while (budget > 0 && pipeline.hasCapacity()) {
      // Events intended before the end of --duration are still owed, even if this tick is late.
      const due = scheduler.due(now, Math.min(budget, 64), endMs);
      if (due.count === 0) break;
      for (let i = 0; i < due.count; i++) {
        this.currentLateMs = due.spacingMs > 0 ? Math.max(0, now - (due.firstIntendedMs + i * due.spacingMs)) : -1;
        this.emitNext();
      }
      scheduler.consume(due.count);
      budget -= due.count;
    }
    pipeline.flushDue(clock.now());
    // The duration always ends the run: a short catch-up on what was owed, then what the producer
    // could not make is counted as behind.
    if (now >= endMs && (scheduler.doneBefore(endMs) || now >= endMs + END_CATCH_UP_MS)) {
      scheduler.skipBefore(endMs);
      this.p.stop();
      return;
    }
    this.planNextTick();
  };

  private planNextTick(): void {
    const { settings, pipeline } = this.p;
    if (settings.count > 0 && this.events >= settings.count) {
      this.p.stop();
      return;
    }
    if (!pipeline.hasCapacity()) {
      this.waitingForCapacity = true;
      // The sink may make room without a send settling (a stuck partition set aside), and a broker
      // that never answers must not keep the run past --duration: look again soon.
      this.schedule(CAPACITY_POLL_MS);
      return;
    }
    const now = this.p.clock.now();
    const nextDue = this.p.scheduler().nextDueMs();
    let wakeAt = Math.min(Number.isNaN(nextDue) ? Infinity : nextDue, pipeline.nextDeadlineMs());
    if (settings.durationMs > 0) wakeAt = Math.min(wakeAt, this.p.startMs() + settings.durationMs);
    wakeAt = Math.min(wakeAt, this.p.board.nextEndMs(), this.p.steering.nextTimelineMs());
    if (this.p.rates.followsProfile) wakeAt = Math.min(wakeAt, now + PROFILE_STEP_MS);
    if (wakeAt === Infinity) wakeAt = now + 100;
    this.schedule(wakeAt - now);
  }

  private emitNext(): void {
    const { board, writer, model } = this.p;
    const device = this.p.deviceShare.take();
    const plan = board.isEmpty ? undefined : board.planFor(device, this.sliceNowMs);
    writer.beginEvent(device, this.sliceNowMs, this.currentLateMs, plan);
    if (plan) model.emit(device, this.sliceNowMs + plan.timeShiftMs, writer.sink, plan.effects);
    else model.emit(device, this.sliceNowMs, writer.sink, NO_EFFECTS);
    this.events++;
    this.p.intervals.countEvent();
  }
}
