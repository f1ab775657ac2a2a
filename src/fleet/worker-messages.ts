/**
 * --workers: what the main thread and its worker threads say to each other. Snapshots travel
 * without their interval histograms; closed intervals travel once each, encoded (interval-wire.ts).
 */
import type { Command, CommandResult } from "../engine/commands.ts";
import type { Snapshot } from "../engine/snapshot.ts";
import type { WireInterval } from "./interval-wire.ts";

/** workerData of worker `index` (of `count`): the run's flags, with its share, seed and run id. */
export interface WorkerInit {
  index: number;
  count: number;
  flags: Record<string, string | boolean>;
  env: Record<string, string | undefined>;
  cwd: string;
  runId: string;
  seed: number;
  /** Its share of the fleet ("1/4:1/2"). */
  segment: string;
}

/** A closed interval of one worker, numbered by that worker (1, 2, ...). */
export type SeqInterval = WireInterval & { seq: number };

export type ToWorker = { type: "start" } | { type: "command"; id: number; command: Command } | { type: "stop" };

export type FromWorker =
  /** The engine is built (or not: a problem for the user); snapshot taken before the start. */
  | { type: "ready"; snapshot: Snapshot }
  | { type: "failed"; message: string }
  | { type: "started"; notes: string[] }
  | { type: "snapshot"; snapshot: Snapshot; intervals: SeqInterval[] }
  | { type: "result"; id: number; result: CommandResult }
  /** After the final flush: the final snapshot and the intervals not sent yet. */
  | { type: "done"; snapshot: Snapshot; intervals: SeqInterval[] };

/** A snapshot without its histograms (class instances do not cross threads; they travel encoded). */
export function bareSnapshot(s: Snapshot): Snapshot {
  return { ...s, intervals: [] };
}
