/**
 * One worker thread of --workers N: resolves the run's flags with its own share, builds its own
 * model, producer connection and engine, and reports to the main thread (fleet/worker-pool.ts).
 * Prints nothing: the main thread owns the terminal.
 */
import { parentPort, workerData } from "node:worker_threads";
import { builtinScenarios } from "../config/builtins.generated.ts";
import { readTextFile } from "../config/read-text-file.ts";
import { resolveSettings } from "../config/resolve.ts";
import { SCENARIO_LIMITS } from "../config/scenario-limits.ts";
import type { RawFlags } from "../config/raw-flags.ts";
import { Engine } from "../engine/engine.ts";
import { IntervalFollower } from "../exporters/interval-follower.ts";
import { wireInterval } from "../fleet/interval-wire.ts";
import {
  bareSnapshot,
  type FromWorker,
  type SeqInterval,
  type ToWorker,
  type WorkerInit,
} from "../fleet/worker-messages.ts";
import type { IntervalHistograms } from "../engine/snapshot.ts";
import { watchMemory } from "../memory/watch.ts";
import { ANOMALY_KINDS } from "../sim/anomalies/index.ts";
import { prepareFormats } from "./prepare-formats.ts";
import { buildModel, createSink } from "./run-parts.ts";

/** How often the main thread gets a fresh snapshot: 4 Hz (each costs the engine its percentile walks). */
const SNAPSHOT_EVERY_MS = 250;

const port = parentPort;
if (port) void run(port, workerData as WorkerInit);

async function run(p: NonNullable<typeof parentPort>, init: WorkerInit): Promise<void> {
  const post = (m: FromWorker): void => p.postMessage(m);
  let engine: Engine;
  let memoryLimitBytes: number;
  try {
    ({ engine, memoryLimitBytes } = await build(init));
  } catch (error) {
    post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    p.close();
    return;
  }
  post({ type: "ready", snapshot: bareSnapshot(engine.snapshot()) });
  // Each thread has its own heap: the main thread's collections do not free a worker's garbage.
  const memory = watchMemory(memoryLimitBytes);
  const follower = new IntervalFollower();
  const fresh = (recent: readonly IntervalHistograms[]): SeqInterval[] =>
    follower.take(recent).map((i) => ({ ...wireInterval(i), seq: i.seq }));
  const timer = setInterval(() => {
    const s = engine.snapshot();
    post({ type: "snapshot", snapshot: bareSnapshot(s), intervals: fresh(engine.recentIntervals()) });
  }, SNAPSHOT_EVERY_MS);
  p.on("message", (m: ToWorker) => {
    if (m.type === "start")
      engine.start().then(
        (notes) => post({ type: "started", notes }),
        (error: unknown) => post({ type: "failed", message: error instanceof Error ? error.message : String(error) }),
      );
    else if (m.type === "command") post({ type: "result", id: m.id, result: engine.dispatch(m.command) });
    else void engine.stop();
  });
  const final = await engine.done;
  clearInterval(timer);
  memory.stop();
  post({ type: "done", snapshot: bareSnapshot(final), intervals: fresh(final.intervals) });
  p.close();
}

/** The main thread checked these flags already; here they only get this worker's share. */
async function build(init: WorkerInit): Promise<{ engine: Engine; memoryLimitBytes: number }> {
  const flags: RawFlags = {
    ...(init.flags as RawFlags),
    segment: init.segment,
    seed: String(init.seed),
    runId: init.runId,
    workers: "1",
    noTui: true,
  };
  delete flags.segments;
  const resolved = resolveSettings({
    flags,
    env: init.env,
    builtins: { ...builtinScenarios },
    readFile: (path) => readTextFile(path, SCENARIO_LIMITS.bytes),
    cwd: init.cwd,
    isTTY: false,
    anomalyKinds: ANOMALY_KINDS,
  });
  if ("errors" in resolved) throw new Error(resolved.errors.join("; "));
  // The main thread alone exports, publishes to the fleet and writes the summary.
  const settings = { ...resolved.settings, exporters: { metricsGraceMs: 0 }, tui: false };
  delete settings.fleet;
  delete settings.summaryJson;
  const formats = await prepareFormats(
    settings,
    flags,
    init.env,
    () => buildModel(settings),
    () => undefined,
  );
  const engine = new Engine({
    settings,
    // Avro and Protobuf topics get each record's value from the fleet, as in one thread.
    model: buildModel(
      settings,
      formats.encoders.map((e) => (e?.takesValues ? e.stage : undefined)),
    ),
    sink: createSink(settings),
    encoders: formats.encoders,
    runId: init.runId,
  });
  return { engine, memoryLimitBytes: settings.memoryLimitBytes ?? 0 };
}
