/** `surge sample`: print a few records of a scenario (built-in or file), no broker needed. */
import { readFileSync, writeSync } from "node:fs";
import {
  formatRecord,
  recordJsonLine,
  sampleRecords,
  topicIndexOf,
  type SampledRecord,
} from "../authoring/sample-events.ts";
import { builtinScenarios } from "../config/builtins.generated.ts";
import type { RawFlags } from "../config/raw-flags.ts";
import { resolveSettings } from "../config/resolve.ts";
import { ANOMALY_KINDS } from "../sim/anomalies/index.ts";
import type { TopicEncoder } from "../formats/encoder.ts";
import { terminalSafe } from "../report/terminal-safe.ts";
import { prepareFormats } from "./prepare-formats.ts";
import { buildModel } from "./run-parts.ts";
import { EXIT_OK, UsageError } from "./usage-error.ts";

const DEFAULT_SAMPLES = 5;
const MAX_SAMPLES = 1_000_000;

export async function sampleCommand(flags: RawFlags): Promise<number> {
  const {
    count: countText,
    topic,
    json,
    raw,
    format,
    schemaRegistry,
    subjectStrategy,
    schemaId,
    useLatest,
    ...runFlags
  } = flags;
  const count = countText === undefined ? DEFAULT_SAMPLES : Number(countText);
  if (!Number.isInteger(count) || count < 1 || count > MAX_SAMPLES) {
    throw new UsageError(
      `-n/--count: must be a whole number of records from 1 to ${MAX_SAMPLES}, got ${JSON.stringify(countText)}`,
    );
  }
  const resolved = resolveSettings({
    flags: { ...runFlags, dryRun: true, noTui: true },
    env: process.env,
    builtins: { ...builtinScenarios },
    readFile: (path) => readFileSync(path, "utf8"),
    cwd: process.cwd(),
    isTTY: false,
    anomalyKinds: ANOMALY_KINDS,
  });
  if ("errors" in resolved) throw new UsageError([...resolved.errors, ...checkHint(runFlags.scenario)]);
  const { settings } = resolved;
  const topicIndex = topic === undefined ? undefined : topicIndexOf(settings, topic);
  if (topic !== undefined && topicIndex === undefined) {
    const known = settings.scenario.topics.map((t) => `${t.role} (${t.name})`).join(", ");
    throw new UsageError(
      `--topic: scenario ${settings.scenario.name} has no topic ${JSON.stringify(topic)}; its topics: ${known}`,
    );
  }
  let model;
  try {
    model = buildModel(settings);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError([...error.lines, ...checkHint(runFlags.scenario)]);
    throw error;
  }
  // Binary formats: each record encoded as a run would, then shown decoded (or as bytes with --raw).
  const formatFlags = { ...runFlags, ...defined({ format, schemaRegistry, subjectStrategy, schemaId, useLatest }) };
  const { encoders } = await prepareFormats(
    settings,
    formatFlags,
    process.env,
    () => buildModel(settings),
    (line) => console.error(`surge: ${terminalSafe(line)}`),
  );
  const topicNames = settings.scenario.topics.map((t) => t.name);
  const show = (r: SampledRecord): SampledRecord => {
    const encoder = encoders[topicNames.indexOf(r.topic)];
    if (encoder) r.value = showEncoded(encoder, encoder.encode(r.value), raw === true);
    else if (raw) r.value = Buffer.from(r.value, "latin1").toString("hex");
    return r;
  };
  // JSON lines stream out in chunks: a long sample (for surge compare) is never held whole.
  const chunk: string[] = [];
  const flush = (): void => {
    if (chunk.length > 0) writeAll(chunk.join("\n") + "\n");
    chunk.length = 0;
  };
  const onRecord = json
    ? (r: SampledRecord): void => {
        chunk.push(recordJsonLine(show(r)));
        if (chunk.length >= 2000) flush();
      }
    : undefined;
  const { records, visits, taken } = sampleRecords(settings, model, {
    count,
    // A fitted fleet starts where its trace did (its days of the year, and the same sample for a
    // seed on any day); another scenario at the clock, as a run.
    startMs: settings.scenario.sampleStartMs ?? Date.now(),
    ...(topicIndex !== undefined ? { topicIndex } : {}),
    ...(onRecord ? { onRecord } : {}),
  });
  console.error(
    `surge: ${taken} record${taken === 1 ? "" : "s"} of ${settings.scenario.name} from ${visits} device event${visits === 1 ? "" : "s"} ` +
      `(seed ${settings.seed}; surge-* headers are the ground truth every run adds)`,
  );
  if (json) flush();
  else console.log(records.map((r) => formatRecord(show(r))).join("\n\n"));
  if (taken < count) {
    console.error(
      `surge: only ${taken} of ${count} records${topic ? ` on ${topic}` : ""} after ${visits} device events: the scenario writes there rarely or never`,
    );
  }
  return EXIT_OK;
}

/** Decoded (timestamps as epoch numbers, as a reader of the format sees them), or the bytes in hex. */
function showEncoded(encoder: TopicEncoder, bytes: Buffer, raw: boolean): string {
  if (raw) return bytes.toString("hex");
  return JSON.stringify(encoder.decode(bytes));
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A scenario file's problems all at once, with their lines, are one command away. */
function checkHint(scenario: string | undefined): string[] {
  return scenario !== undefined && /[\\/]|\.ya?ml$/i.test(scenario)
    ? [`(surge scenario check ${scenario} lists every problem with its line)`]
    : [];
}

/** Writes to stdout synchronously, waiting out a full non-blocking pipe (EAGAIN). */
function writeAll(text: string): void {
  let bytes = Buffer.from(text);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(1, bytes));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
