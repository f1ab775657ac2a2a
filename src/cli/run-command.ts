/** `surge run`: settings → model → sink → engine → front end → summary and exit code. */
import kafkajs from "kafkajs";
import { FleetMember } from "../fleet/fleet-member.ts";
import { clientConfig } from "../kafka/client-config.ts";
import { ownedCount, segmentText } from "../common/segment.ts";
import { terminalSafe } from "../report/terminal-safe.ts";
import { writeFileSync } from "node:fs";
import { builtinScenarios } from "../config/builtins.generated.ts";
import { readTextFile } from "../config/read-text-file.ts";
import { resolveSettings } from "../config/resolve.ts";
import { SCENARIO_LIMITS } from "../config/scenario-limits.ts";
import type { RawFlags } from "../config/raw-flags.ts";
import type { FleetSettings, RunSettings } from "../config/types.ts";
import { Engine } from "../engine/engine.ts";
import type { RunPort } from "../engine/run-port.ts";
import type { Snapshot } from "../engine/snapshot.ts";
import { codecAvailable } from "../kafka/codecs/index.ts";
import { rate } from "../report/format.ts";
import { summaryJson } from "../report/summary-json.ts";
import { ANOMALY_KINDS } from "../sim/anomalies/index.ts";
import { ExporterSetupError, startRunExporters } from "../exporters/index.ts";
import { withFormats } from "../formats/summary.ts";
import { withMemory } from "../memory/summary.ts";
import { watchMemory, type MemoryReport } from "../memory/watch.ts";
import { prepareFormats, type TopicFormatInfo } from "./prepare-formats.ts";
import { runHeadless } from "./run-headless.ts";
import { buildModel, createSink, readBackOf } from "./run-parts.ts";
import { startWorkers } from "./start-workers.ts";
import { EXIT_OK, EXIT_RUNTIME, UsageError } from "./usage-error.ts";

export async function runCommand(flags: RawFlags): Promise<number> {
  const resolved = resolveSettings({
    flags,
    env: process.env,
    builtins: { ...builtinScenarios },
    readFile: (path) => readTextFile(path, SCENARIO_LIMITS.bytes),
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
    anomalyKinds: ANOMALY_KINDS,
  });
  if ("errors" in resolved) throw new UsageError(resolved.errors);
  const { settings, warnings } = resolved;
  // Schemas derived, checked and registered before anything is sent (a refusal is exit 2).
  const formats = await prepareFormats(
    settings,
    flags,
    process.env,
    () => buildModel(settings),
    (line) => console.error(`surge: ${terminalSafe(line)}`),
  );
  // Avro and Protobuf topics get each record's value from the fleet, not JSON text to parse.
  const model = buildModel(
    settings,
    formats.encoders.map((e) => (e?.takesValues ? e.stage : undefined)),
  );
  const codecProblem = codecAvailable(settings.producer.compression);
  if (codecProblem && !settings.dryRun) throw new UsageError(`--compression: ${codecProblem}`);
  for (const w of warnings) console.error(`surge: warning: ${terminalSafe(w)}`);

  // --workers: the same run on N threads, each its own share, model and producer connection.
  const workers = settings.workers ?? 1;
  const engine: RunPort | string =
    workers > 1
      ? await startWorkers(settings, flags, workers).catch((error: unknown) =>
          error instanceof Error ? error.message : String(error),
        )
      : new Engine({
          settings,
          model,
          sink: createSink(settings),
          ...readBackOf(settings),
          encoders: formats.encoders,
        });
  if (typeof engine === "string") {
    console.error(`surge: --workers: ${terminalSafe(engine)}`);
    return EXIT_RUNTIME;
  }
  // The dashboard shows the stop itself; lines on stderr would tear its frame.
  const stopOnSignal = onceThenForce(
    () => void engine.stop(),
    settings.tui ? () => undefined : (line) => console.error(line),
  );
  process.on("SIGINT", stopOnSignal);
  process.on("SIGTERM", stopOnSignal);

  const exporters = await startRunExporters(engine, settings, (line) =>
    console.error(`surge: ${terminalSafe(line)}`),
  ).catch((error: unknown) => {
    throw error instanceof ExporterSetupError ? new UsageError(error.message) : error;
  });
  console.error(`surge: ${terminalSafe(describeRun(settings))}; run ${engine.runId}`);
  if (exporters?.url) console.error(`surge: metrics on ${exporters.url}/metrics (also /healthz, /readyz)`);
  const fleet = settings.fleet ? await startFleet(engine, settings, settings.fleet) : undefined;
  const gate = fleet
    ? await fleet.gate().catch((error: unknown) => (error instanceof Error ? error.message : String(error)))
    : 0;
  if (typeof gate !== "number") {
    await fleet?.finish(await engine.stop());
    console.error(
      `surge: ${gate === false ? "stopped while waiting for the fleet" : `cannot wait for the fleet: ${terminalSafe(gate)}`}; nothing was sent`,
    );
    return EXIT_RUNTIME;
  }
  engine.startLife?.(gate);
  const memory = watchMemory(settings.memoryLimitBytes ?? 0);
  try {
    const notes = await engine.start();
    for (const note of notes) console.error(`surge: ${terminalSafe(note)}`);
  } catch (error) {
    console.error(`surge: ${terminalSafe(error instanceof Error ? error.message : String(error))}`);
    // Not inside `exporters?.finish(...)`: with no exporters the arguments would not run at all.
    const stopped = await engine.stop();
    memory.stop();
    await exporters?.finish(stopped, false);
    await fleet?.finish(stopped);
    return EXIT_RUNTIME;
  }
  await fleet?.listen();
  // The dashboard (React, Ink) is loaded only when it is shown.
  const final = settings.tui
    ? await (await import("../ui/run-dashboard.tsx")).runDashboard(engine)
    : await runHeadless(engine, settings.intervalMs);
  process.off("SIGINT", stopOnSignal);
  process.off("SIGTERM", stopOnSignal);
  const memoryReport = memory.stop();
  if (settings.summaryJson) writeSummary(settings.summaryJson, final, formats.info, memoryReport);
  await exporters?.finish(final, true);
  await fleet?.finish(final);
  return final.totals.failed + final.totals.unsent > 0 ? EXIT_RUNTIME : EXIT_OK;
}

/** --fleet: results publisher, start gate and control listener; an unreachable fleet topic is a warning, not the end of the run. */
async function startFleet(engine: RunPort, s: RunSettings, fleet: FleetSettings): Promise<FleetMember | undefined> {
  const kafka = new kafkajs.Kafka(
    clientConfig({
      brokers: fleet.brokers,
      clientId: `${s.producer.clientId}-fleet`,
      ...(s.security.ssl ? { ssl: s.security.ssl } : {}),
      ...(s.security.sasl ? { sasl: s.security.sasl } : {}),
      connectionTimeoutMs: 3000,
      requestTimeoutMs: 10_000,
    }),
  );
  const say = (line: string) => console.error(`surge: ${terminalSafe(line)}`);
  try {
    const member = await FleetMember.start({
      engine,
      kafka,
      fleet,
      intervalMs: s.intervalMs,
      segment: s.segment ? segmentText(s.segment) : undefined,
      say,
      tui: s.tui,
    });
    say(`fleet ${fleet.name}: results to ${member.topic} at ${fleet.brokers.join(",")}`);
    return member;
  } catch (error) {
    say(
      `warning: --fleet ${fleet.name}: cannot publish to ${fleet.brokers.join(",")} (${error instanceof Error ? error.message : String(error)}); the run goes on without`,
    );
    return undefined;
  }
}

function describeRun(s: RunSettings): string {
  const target = s.dryRun ? "dry run (no broker)" : `brokers ${s.brokers.join(",")}`;
  const limit = [s.durationMs > 0 ? `for ${s.durationMs / 1000}s` : "", s.count > 0 ? `${s.count} events` : ""]
    .filter(Boolean)
    .join(", ");
  const share = s.segment
    ? ` (segment ${segmentText(s.segment)}: ${ownedCount(s.segment, s.scenario.devices)} of them, its share of the rate)`
    : "";
  const threads = (s.workers ?? 1) > 1 ? ` on ${s.workers} worker threads` : "";
  return (
    `${s.scenario.name}: ${s.scenario.devices} devices at ${rate(s.rate)}${share}${threads} to ${s.scenario.topics.map((t) => t.name).join(", ")}; ` +
    `${target}; acks ${s.producer.acks === -1 ? "all" : s.producer.acks}, ${s.producer.compression}; seed ${s.seed}${limit ? `; ${limit}` : ""}`
  );
}

/** First signal: graceful stop (flush). Second: give up at once. */
function onceThenForce(stop: () => void, say: (line: string) => void): () => void {
  let signalled = false;
  return () => {
    if (signalled) {
      say("surge: second interrupt: exiting without waiting for the flush");
      process.exit(130);
    }
    signalled = true;
    say("surge: stopping: flushing what is in flight (interrupt again to quit at once)");
    stop();
  };
}

function writeSummary(path: string, final: Snapshot, formats: readonly TopicFormatInfo[], memory: MemoryReport): void {
  try {
    const doc = withMemory(withFormats(summaryJson(final), formats), memory);
    writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
  } catch (error) {
    console.error(
      terminalSafe(
        `surge: cannot write --summary-json ${path}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
}
