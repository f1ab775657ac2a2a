/**
 * --workers N: N engines on worker threads, driven as one run. The main thread keeps the front
 * ends; this pool answers them with merged snapshots (merge-snapshots.ts, interval-merger.ts),
 * sends every command to every worker (each takes its share of a rate, as segments do), and ends
 * when every worker has flushed.
 */
import type { Command, CommandResult } from "../engine/commands.ts";
import type { RunPort } from "../engine/run-port.ts";
import type { IntervalHistograms, RunEvent, Snapshot } from "../engine/snapshot.ts";
import { RunLog } from "../engine/run-log.ts";
import { IntervalMerger } from "./interval-merger.ts";
import { mergeSnapshots } from "./merge-snapshots.ts";
import type { FromWorker, ToWorker } from "./worker-messages.ts";

/** What the pool needs of a thread (node:worker_threads' Worker; a fake in tests). */
export interface WorkerThread {
  postMessage(message: ToWorker): void;
  on(event: "message", listener: (message: FromWorker) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "exit", listener: (code: number) => void): unknown;
  terminate(): Promise<number> | void;
}

export interface PoolOptions {
  count: number;
  spawn: (index: number) => WorkerThread;
  runId: string;
  /** The instance's own --segment text, absent for a whole run. */
  segment: string | undefined;
  now?: () => number;
}

/** The same message from several workers within this long is one event (a timeline step, an anomaly). */
const SAME_EVENT_MS = 2000;

interface Slot {
  thread: WorkerThread;
  last: Snapshot | undefined;
  done: boolean;
}

export class WorkerPool implements RunPort {
  readonly runId: string;
  readonly done: Promise<Snapshot>;
  private resolveDone: (s: Snapshot) => void = () => undefined;
  private readonly slots: Slot[];
  private readonly merger: IntervalMerger;
  private readonly log = new RunLog();
  private readonly seenEvents = new Map<string, number>();
  private readonly shownSeq: number[];
  private readonly waiters = new Map<string, { need: number; got: number; resolve: () => void }>();
  private readonly now: () => number;
  private failures: string[] = [];
  private notes: string[] = [];
  private notice = "";
  private commandId = 0;
  private stopping = false;
  private final: Snapshot | undefined;
  private version = 0;
  private cached: { version: number; snapshot: Snapshot } | undefined;

  private constructor(
    private readonly o: PoolOptions,
    first: Snapshot[],
    threads: WorkerThread[],
  ) {
    this.runId = o.runId;
    this.now = o.now ?? Date.now;
    this.slots = threads.map((thread, i) => ({ thread, last: first[i], done: false }));
    this.shownSeq = threads.map(() => 0);
    this.merger = new IntervalMerger(
      o.count,
      (first[0] as Snapshot).topics.map((t) => t.name),
    );
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    threads.forEach((thread, i) => thread.on("message", (m) => this.onMessage(i, m)));
  }

  /** Starts the threads and waits until each has built its engine; rejects with the first problem. */
  static async spawn(o: PoolOptions): Promise<WorkerPool> {
    const threads: WorkerThread[] = [];
    const first: Promise<Snapshot>[] = [];
    for (let i = 0; i < o.count; i++) {
      const thread = o.spawn(i);
      threads.push(thread);
      first.push(
        new Promise((resolve, reject) => {
          thread.on("message", (m) => {
            if (m.type === "ready") resolve(m.snapshot);
            else if (m.type === "failed") reject(new Error(m.message));
          });
          thread.on("error", (error) => reject(new Error(`worker ${i + 1}: ${error.message}`)));
          thread.on("exit", (code) => reject(new Error(`worker ${i + 1} exited (code ${code}) before it was ready`)));
        }),
      );
    }
    try {
      return new WorkerPool(o, await Promise.all(first), threads);
    } catch (error) {
      await Promise.all(threads.map((t) => t.terminate()));
      throw error;
    }
  }

  async start(): Promise<string[]> {
    for (const [i, s] of this.slots.entries()) {
      s.thread.on("error", (error) => this.lost(i, error.message));
      s.thread.on("exit", (code) => this.lost(i, `exited (code ${code})`));
    }
    await this.broadcast({ type: "start" }, "started");
    if (this.failures.length > 0) throw new Error(this.failures[0]);
    // Each worker says the same about the topics: once is enough.
    return [...new Set(this.notes)];
  }

  dispatch(command: Command): CommandResult {
    const state = this.snapshot().state;
    if (this.stopping || state === "stopping" || state === "stopped")
      return { ok: false, message: "the run is stopping" };
    if (command.type === "stop") {
      void this.stop();
      return this.note({ ok: true, message: "stopping: flushing what is in flight" });
    }
    // Decided here, so the workers cannot end up half paused.
    if (command.type === "togglePause") return this.dispatch({ type: state === "paused" ? "resume" : "pause" });
    if (command.type === "resetHistograms") this.merger.resetRun();
    const id = ++this.commandId;
    for (const s of this.slots) if (!s.done) s.thread.postMessage({ type: "command", id, command });
    return this.note({ ok: true, message: `${describe(command)}: sent to ${this.slots.length} workers` });
  }

  stop(): Promise<Snapshot> {
    if (!this.stopping) {
      this.stopping = true;
      for (const s of this.slots) if (!s.done) s.thread.postMessage({ type: "stop" });
    }
    return this.done;
  }

  snapshot(): Snapshot {
    if (this.final) return this.final;
    // The dashboard asks 10 times a second; the workers report 4 times: merge only what is new.
    if (this.cached?.version === this.version) return this.cached.snapshot;
    const snapshot = mergeSnapshots({
      parts: this.slots.map((s) => s.last as Snapshot),
      run: this.merger.run,
      intervals: this.merger.recent(),
      segment: this.o.segment,
      events: this.log.snapshot(),
      notice: this.notice,
      nowMs: this.now(),
    });
    this.cached = { version: this.version, snapshot };
    return snapshot;
  }

  recentEvents(): readonly RunEvent[] {
    return this.log.snapshot();
  }

  recentIntervals(): readonly IntervalHistograms[] {
    return this.merger.recent();
  }

  private onMessage(i: number, m: FromWorker): void {
    const slot = this.slots[i] as Slot;
    this.version++;
    switch (m.type) {
      case "snapshot":
      case "done":
        slot.last = m.snapshot;
        this.takeEvents(i, m.snapshot);
        this.merger.add(i, m.intervals);
        if (m.type === "done") this.finishSlot(i);
        return;
      case "started":
        this.notes.push(...m.notes);
        this.answered("started");
        return;
      case "failed":
        this.failures.push(`worker ${i + 1}: ${m.message}`);
        this.answered("started");
        return;
      case "result":
        if (!m.result.ok) this.addEvent(`worker ${i + 1} refused: ${m.result.message}`);
        else if (i === 0) this.notice = m.result.message;
        return;
      case "ready":
        return;
    }
  }

  /** A thread that died without its final flush: what it had in flight counts as unsent. */
  private lost(i: number, why: string): void {
    const slot = this.slots[i] as Slot;
    if (slot.done) return;
    this.addEvent(`worker ${i + 1} ${why} before its final flush`);
    this.failures.push(`worker ${i + 1} ${why}`);
    this.answered("started");
    const last = slot.last;
    if (last) {
      const topics = last.topics.map((t) => ({ ...t, unsent: t.unsent + t.inFlight, inFlight: 0 }));
      slot.last = { ...last, state: "stopped", connection: "closed", topics };
    }
    this.finishSlot(i);
  }

  private finishSlot(i: number): void {
    const slot = this.slots[i] as Slot;
    if (slot.done) return;
    slot.done = true;
    this.merger.finish(i);
    if (this.slots.every((s) => s.done)) {
      this.version++;
      this.final = this.snapshot();
      this.resolveDone(this.final);
      for (const s of this.slots) void s.thread.terminate();
    }
  }

  private broadcast(message: ToWorker, answer: string): Promise<void> {
    const live = this.slots.filter((s) => !s.done);
    const promise = new Promise<void>((resolve) => this.waiters.set(answer, { need: live.length, got: 0, resolve }));
    for (const s of live) s.thread.postMessage(message);
    if (live.length === 0) this.answered(answer);
    return promise;
  }

  private answered(answer: string): void {
    const w = this.waiters.get(answer);
    if (!w) return;
    if (++w.got >= w.need) {
      this.waiters.delete(answer);
      w.resolve();
    }
  }

  /** Each worker's new run events, a message seen from another worker moments ago shown once. */
  private takeEvents(i: number, s: Snapshot): void {
    for (const e of s.events) {
      if (e.seq <= (this.shownSeq[i] ?? 0)) continue;
      this.shownSeq[i] = e.seq;
      const seen = this.seenEvents.get(e.message);
      if (seen !== undefined && Math.abs(seen - e.elapsedMs) < SAME_EVENT_MS) continue;
      this.seenEvents.set(e.message, e.elapsedMs);
      this.log.add(e.elapsedMs, e.message);
    }
  }

  private addEvent(message: string): void {
    this.version++;
    const elapsed = Math.max(0, ...this.slots.map((s) => s.last?.elapsedMs ?? 0));
    this.log.add(elapsed, message);
    this.notice = message;
  }

  private note(result: CommandResult): CommandResult {
    this.version++;
    this.notice = result.message;
    return result;
  }
}

function describe(c: Command): string {
  switch (c.type) {
    case "setRate":
      return `rate ${c.rate === "max" ? "max" : c.rate}`;
    case "nudgeRate":
      return `rate ${c.percent > 0 ? "+" : ""}${c.percent}%`;
    case "inject":
      return `inject ${c.anomaly.kind}`;
    case "resetHistograms":
      return "reset histograms";
    default:
      return c.type;
  }
}
