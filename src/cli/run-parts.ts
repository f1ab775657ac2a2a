/** The run's parts built from its settings: the event model, the sink, the read-back (main thread and --workers alike). */
import { systemClock } from "../engine/clock.ts";
import { DryRunSink } from "../engine/dry-run-sink.ts";
import type { EngineDeps } from "../engine/engine.ts";
import type { ProduceSink } from "../engine/sink.ts";
import type { RunSettings } from "../config/types.ts";
import { ReadBack } from "../e2e/read-back.ts";
import { KafkaSink } from "../kafka/kafka-sink.ts";
import { terminalSafe } from "../report/terminal-safe.ts";
import { declaredModel } from "../sim/declared/factory.ts";
import { models } from "../sim/models/index.ts";
import { Random } from "../sim/random.ts";
import type { EventModel } from "../sim/types.ts";
import { UsageError } from "./usage-error.ts";
import { segmentText } from "../common/segment.ts";

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

export function createSink(s: RunSettings): ProduceSink {
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
export function readBackOf(s: RunSettings): Pick<EngineDeps, "readBack"> {
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
        clocksOf(s),
      ),
  };
}

/**
 * In a split run (--run-id shared by instances) each instance names its clock in `surge-at`: its
 * segment, else a random id. SURGE_TEST_CLOCK_OFFSET_MS shifts this process's e2e clock, for the
 * skew tests only (docs/e2e.md).
 */
function clocksOf(s: RunSettings): { clock?: string; offsetMs?: number } {
  const offsetMs = Number(process.env["SURGE_TEST_CLOCK_OFFSET_MS"] ?? "0");
  const clock =
    s.runId === undefined ? undefined : s.segment ? segmentText(s.segment) : Math.random().toString(36).slice(2, 8);
  return { ...(clock ? { clock } : {}), ...(Number.isFinite(offsetMs) && offsetMs !== 0 ? { offsetMs } : {}) };
}
