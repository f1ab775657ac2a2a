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
 * The URL form is what Bun's --compile resolves to the worker-entry bundled beside main.ts
 * (build.ts lists it as an entrypoint); Node loads the .ts through the --import tsx it inherits.
 */
function spawnThread(init: WorkerInit): WorkerThread {
  return new Worker(new URL("./worker-entry.ts", import.meta.url), { workerData: init }) as unknown as WorkerThread;
}
