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
import { DryRunSink } from "../engine/dry-run-sink.ts";
import { Engine, type EngineDeps } from "../engine/engine.ts";
import { systemClock } from "../engine/clock.ts";
import { ReadBack } from "../e2e/read-back.ts";
import type { Snapshot } from "../engine/snapshot.ts";
import type { ProduceSink } from "../engine/sink.ts";
import { codecAvailable } from "../kafka/codecs/index.ts";
import { KafkaSink } from "../kafka/kafka-sink.ts";
import { rate } from "../report/format.ts";
import { summaryJson } from "../report/summary-json.ts";
import { Random } from "../sim/random.ts";
import { models } from "../sim/models/index.ts";
import { declaredModel } from "../sim/declared/factory.ts";
import { ANOMALY_KINDS } from "../sim/anomalies/index.ts";
import type { EventModel } from "../sim/types.ts";
import { ExporterSetupError, startRunExporters } from "../exporters/index.ts";
import { withFormats } from "../formats/summary.ts";
import { prepareFormats, type TopicFormatInfo } from "./prepare-formats.ts";
import { runHeadless } from "./run-headless.ts";
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

  const engine = new Engine({
    settings,
    model,
    sink: createSink(settings),
    ...readBackOf(settings),
    encoders: formats.encoders,
  });
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
    : true;
  if (gate !== true) {
    await fleet?.finish(await engine.stop());
    console.error(
      `surge: ${gate === false ? "stopped while waiting for the fleet" : `cannot wait for the fleet: ${terminalSafe(gate)}`}; nothing was sent`,
    );
    return EXIT_RUNTIME;
  }
  try {
    const notes = await engine.start();
    for (const note of notes) console.error(`surge: ${terminalSafe(note)}`);
  } catch (error) {
    console.error(`surge: ${terminalSafe(error instanceof Error ? error.message : String(error))}`);
    // Not inside `exporters?.finish(...)`: with no exporters the arguments would not run at all.
    const stopped = await engine.stop();
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
  if (settings.summaryJson) writeSummary(settings.summaryJson, final, formats.info);
  await exporters?.finish(final, true);
  await fleet?.finish(final);
  return final.totals.failed + final.totals.unsent > 0 ? EXIT_RUNTIME : EXIT_OK;
}

/** --fleet: results publisher, start gate and control listener; an unreachable fleet topic is a warning, not the end of the run. */
async function startFleet(engine: Engine, s: RunSettings, fleet: FleetSettings): Promise<FleetMember | undefined> {
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

export function buildModel(
  settings: RunSettings,
  /** Per topic: takes record values (a declared fleet's binary-format topics). */
  values?: readonly (((value: unknown) => void) | undefined)[],
): EventModel {
  const { scenario } = settings;
  if (scenario.fleet !== undefined) {
    const useValues = values?.some(Boolean) ? values : undefined;
    const declared = declaredModel(scenario, settings.seed, settings.timeScale ?? 1, useValues);
    if ("errors" in declared) throw new UsageError(declared.errors.map((p) => `scenario ${scenario.name}: ${p}`));
    for (const w of declared.warnings) console.error(`surge: warning: scenario ${scenario.name}: ${terminalSafe(w)}`);
    return declared.model;
  }
  const factory = models[scenario.model];
  if (!factory) {
    throw new UsageError(
      `model: unknown event model "${scenario.model}" in scenario ${scenario.name}; known models: ${Object.keys(models).join(", ")}`,
    );
  }
  const problems = factory.validate(scenario.params);
  const roles = scenario.topics.map((t) => t.role);
  if (roles.join(",") !== factory.roles.join(",")) {
    problems.push(
      `topics: model ${scenario.model} writes to the roles ${factory.roles.join(", ")} (in that order), the scenario names ${roles.join(", ")}`,
    );
  }
  if (problems.length > 0) throw new UsageError(problems.map((p) => `scenario ${scenario.name}: ${p}`));
  return factory.create({
    scenario,
    random: new Random(settings.seed),
    devices: scenario.devices,
    timeScale: settings.timeScale ?? 1,
  });
}

function createSink(s: RunSettings): ProduceSink {
  if (s.dryRun) return new DryRunSink();
  return new KafkaSink({
    brokers: s.brokers,
    clientId: s.producer.clientId,
    ...(s.security.ssl ? { ssl: s.security.ssl } : {}),
    ...(s.security.sasl ? { sasl: s.security.sasl } : {}),
    connectionTimeoutMs: 3000,
    requestTimeoutMs: s.producer.requestTimeoutMs,
    connectTimeoutMs: s.connectTimeoutMs,
    acks: s.producer.acks,
    compression: s.producer.compression,
    partitioner: s.producer.partitioner,
    retries: s.producer.retries,
    deliveryTimeoutMs: s.producer.deliveryTimeoutMs,
    idempotent: s.producer.idempotent,
    batchSize: s.producer.batchSize,
    lingerMs: s.producer.lingerMs,
    partitions: s.partitions,
    ...(s.replicationFactor === undefined ? {} : { replicationFactor: s.replicationFactor }),
  });
}

/** --e2e / --follow: the read-back, on the producer's brokers and security, made once the run id is known. */
function readBackOf(s: RunSettings): Pick<EngineDeps, "readBack"> {
  const e2e = s.e2e;
  if (!e2e) return {};
  return {
    readBack: (runId) =>
      new ReadBack(
        e2e,
        s.scenario.topics.map((t) => t.name),
        runId,
        {
          brokers: s.brokers,
          clientId: `${s.producer.clientId}-e2e`,
          ...(s.security.ssl ? { ssl: s.security.ssl } : {}),
          ...(s.security.sasl ? { sasl: s.security.sasl } : {}),
          connectionTimeoutMs: 3000,
          requestTimeoutMs: 30_000,
        },
        systemClock.now,
      ),
  };
}

function describeRun(s: RunSettings): string {
  const target = s.dryRun ? "dry run (no broker)" : `brokers ${s.brokers.join(",")}`;
  const limit = [s.durationMs > 0 ? `for ${s.durationMs / 1000}s` : "", s.count > 0 ? `${s.count} events` : ""]
    .filter(Boolean)
    .join(", ");
  const share = s.segment
    ? ` (segment ${segmentText(s.segment)}: ${ownedCount(s.segment, s.scenario.devices)} of them, its share of the rate)`
    : "";
  return (
    `${s.scenario.name}: ${s.scenario.devices} devices at ${rate(s.rate)}${share} to ${s.scenario.topics.map((t) => t.name).join(", ")}; ` +
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

function writeSummary(path: string, final: Snapshot, formats: readonly TopicFormatInfo[]): void {
  try {
    writeFileSync(path, `${JSON.stringify(withFormats(summaryJson(final), formats), null, 2)}\n`);
  } catch (error) {
    console.error(
      terminalSafe(
        `surge: cannot write --summary-json ${path}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
}
