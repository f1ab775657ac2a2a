/** What front ends, exporters and the fleet drive: the engine, or --workers' pool of engines. */
import type { Command, CommandResult } from "./commands.ts";
import type { IntervalHistograms, RunEvent, Snapshot } from "./snapshot.ts";

export interface RunPort {
  readonly runId: string;
  /** Before start: a restarted instance's later life (the fleet gate counted the earlier ones). */
  startLife?(life: number): void;
  /** Resolves with the final snapshot once the run has stopped and flushed. */
  readonly done: Promise<Snapshot>;
  /** Connects and starts generating; rejects with a user-facing message. */
  start(): Promise<string[]>;
  /** Stops generating, flushes, waits for acks (bounded). Idempotent. */
  stop(): Promise<Snapshot>;
  dispatch(command: Command): CommandResult;
  snapshot(): Snapshot;
  recentEvents(): readonly RunEvent[];
  recentIntervals(): readonly IntervalHistograms[];
}
