/**
 * --workers N: the run's worker threads, each given its share (worker k runs the k-th N-th of
 * this instance's share), the run's seed and one run id, so ground truth and verify see one run.
 */
import { Worker } from "node:worker_threads";
import { segmentText, subSegment } from "../common/segment.ts";
import type { RawFlags } from "../config/raw-flags.ts";
import type { RunSettings } from "../config/types.ts";
import { WorkerPool, type WorkerThread } from "../fleet/worker-pool.ts";
import type { WorkerInit } from "../fleet/worker-messages.ts";
import { newRunId } from "../truth/run-id.ts";

/** Set for this process; the workers get their share as --segment instead. */
const SHARE_ENV = ["SURGE_SEGMENT", "SURGE_SEGMENTS", "SURGE_WORKERS", "JOB_COMPLETION_INDEX"];

export function startWorkers(settings: RunSettings, flags: RawFlags, count: number): Promise<WorkerPool> {
  const runId = settings.runId ?? newRunId(Date.now(), Math.random);
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of SHARE_ENV) delete env[name];
  const init = (index: number): WorkerInit => {
    // resolveWorkers checked that every share exists and owns a device.
    const share = subSegment(settings.segment, index, count);
    if (!share) throw new Error(`--workers: no share for worker ${index + 1}`);
    return {
      index,
      count,
      flags: { ...flags },
      env,
      cwd: process.cwd(),
      runId,
      seed: settings.seed,
      segment: segmentText(share),
    };
  };
  return WorkerPool.spawn({
    count,
    runId,
    segment: settings.segment ? segmentText(settings.segment) : undefined,
    spawn: (index) => spawnThread(init(index)),
  });
}

/**
 * In the binary (build.ts bundles worker-entry.ts as a second entrypoint) import.meta.url is the
 * executable's, at the root of Bun's embedded files, and the entry sits at cli/ under it; from
 * source it is this file's. Bun and Deno load the .ts as is. Node from source (tsx) does not hand
 * its loader to a worker, so the worker registers it before importing the entry.
 */
function spawnThread(init: WorkerInit): WorkerThread {
  const compiled = import.meta.url.includes("/$bunfs/");
  const entry = new URL(compiled ? "./cli/worker-entry.ts" : "./worker-entry.ts", import.meta.url);
  const plainNode = process.versions["bun"] === undefined && process.versions["deno"] === undefined;
  const worker =
    plainNode && entry.pathname.endsWith(".ts")
      ? new Worker(
          `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`,
          { eval: true, execArgv: [], workerData: init },
        )
      : new Worker(entry, { workerData: init });
  return worker as unknown as WorkerThread;
}
