/**
 * npm run bench:gen (third part): events/s of each built-in's declared generator with its records
 * encoded as JSON (as is), Avro, Protobuf and JSON Schema (Confluent framing, header prepared
 * once), rounds interleaved, per CPU second of this process; and bytes per record per format.
 * Avro and Protobuf take the fleet's values as a run does; --text adds rows that encode from
 * the JSON text instead (the path `surge sample` and coded models take).
 *   node --import tsx scripts/bench-formats.ts [--devices 10000] [--events 200000] [--rounds 5] [--text]
 */
import { parseArgs } from "node:util";
import { sampleRecords } from "../src/authoring/sample-events.ts";
import { builtinScenarios } from "../src/config/builtins.generated.ts";
import { parseScenarioYaml } from "../src/config/scenario-file.ts";
import type { RunSettings, Scenario } from "../src/config/types.ts";
import type { FormatName, TopicEncoder } from "../src/formats/encoder.ts";
import { buildEncoders } from "../src/formats/topic-schemas.ts";
import { declaredModel } from "../src/sim/declared/factory.ts";
import { NO_EFFECTS, type EventModel, type RecordSink } from "../src/sim/types.ts";

const { values: args } = parseArgs({
  options: {
    devices: { type: "string", default: "10000" },
    events: { type: "string", default: "200000" },
    rounds: { type: "string", default: "5" },
    text: { type: "boolean", default: false },
  },
});
const devices = Number(args.devices);
const events = Number(args.events);
const rounds = Number(args.rounds);
const FORMATS: FormatName[] = ["json", "avro", "protobuf", "json-schema"];
/** A format, and whether records reach its encoder as JSON text even when it takes values. */
const CONTENDERS: [FormatName, boolean][] = FORMATS.flatMap((f): [FormatName, boolean][] =>
  args.text && (f === "avro" || f === "protobuf")
    ? [
        [f, false],
        [f, true],
      ]
    : [[f, false]],
);

function scenarioOf(name: string, text: string): Scenario {
  const { scenario, errors } = parseScenarioYaml(text, name);
  if (!scenario) throw new Error(errors.join("\n"));
  return {
    name,
    description: "",
    model: scenario.model,
    devices,
    sampleIntervalMs: scenario.sampleIntervalMs ?? 1000,
    maxRatePerDevice: 0,
    topics: scenario.topics,
    params: {},
    fleet: scenario.fleet,
  };
}

function model(scenario: Scenario, encoders: readonly (TopicEncoder | undefined)[] = []): EventModel {
  const values = encoders.map((e) => (e?.takesValues ? e.stage : undefined));
  const built = declaredModel(scenario, 1, 1, values.some(Boolean) ? values : undefined);
  if ("errors" in built) throw new Error(built.errors.join("\n"));
  return built.model;
}

interface Contender {
  scenario: string;
  format: FormatName;
  label: string;
  model: EventModel;
  encoders: (TopicEncoder | undefined)[];
  clock: number;
  best: number;
  bytes: number;
  records: number;
}
const contenders: Contender[] = [];
for (const [name, text] of Object.entries(builtinScenarios)) {
  const scenario = scenarioOf(name, text);
  for (const [format, text] of CONTENDERS) {
    const settings = { scenario, seed: 1 } as RunSettings;
    const sample = (topicIndex: number, count: number): string[] =>
      sampleRecords(settings, model(scenario), {
        count,
        topicIndex,
        startMs: Date.now(),
        maxVisits: 200_000,
      }).records.map((r) => r.value);
    const built = buildEncoders(settings, { format, baseDir: process.cwd(), sample });
    if ("problems" in built) throw new Error(built.problems.join("\n"));
    built.encoders.forEach((e, i) => e?.useRegistry(1 + i, "bench"));
    contenders.push({
      scenario: name,
      format,
      label: `${format}${text ? " (text)" : ""}`,
      model: model(scenario, text ? [] : built.encoders),
      encoders: built.encoders,
      clock: 0,
      best: 0,
      bytes: 0,
      records: 0,
    });
  }
}

let bytes = 0;
let records = 0;
let encoders: (TopicEncoder | undefined)[] = [];
// As the record writer and the producer do: the topic's encoder (if any) turns the JSON text into
// bytes; a JSON record becomes bytes too (kafkajs: Buffer.from), so that is in the JSON rate.
const sink: RecordSink = {
  push: (t, key, value) => {
    const e = encoders[t];
    bytes += (e ? e.encode(value).length : Buffer.from(value).length) + key.length;
    records++;
  },
};
const start = Date.now();
function pass(c: Contender, n: number): void {
  encoders = c.encoders;
  for (let i = 0; i < n; i++) {
    const k = c.clock++;
    c.model.emit(k % devices, start + k * 0.01, sink, NO_EFFECTS);
  }
}
for (const c of contenders) pass(c, Math.min(events, 50_000));
const ratios = new Map<string, number[]>();
for (let r = 0; r < rounds; r++) {
  const json = new Map<string, number>();
  for (const c of contenders) {
    bytes = 0;
    records = 0;
    const cpu0 = process.cpuUsage();
    pass(c, events);
    const cpu = process.cpuUsage(cpu0);
    const rate = events / ((cpu.user + cpu.system) / 1e6);
    c.best = Math.max(c.best, rate);
    c.bytes = bytes;
    c.records = records;
    if (c.format === "json") json.set(c.scenario, rate);
    else
      ratios.set(`${c.scenario} ${c.label}`, [
        ...(ratios.get(`${c.scenario} ${c.label}`) ?? []),
        rate / (json.get(c.scenario) ?? rate),
      ]);
  }
}
const runtime = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined" ? "bun" : `node ${process.version}`;
console.log(
  `formats, ${runtime}: ${devices} devices, ${events} events per round, best of ${rounds} interleaved rounds, per CPU second`,
);
for (const c of contenders) {
  const list = (ratios.get(`${c.scenario} ${c.label}`) ?? [1]).sort((a, b) => a - b);
  const median = list[Math.floor(list.length / 2)] ?? 1;
  console.log(
    `${`${c.scenario} ${c.label}`.padEnd(31)} ${(c.best / 1e6).toFixed(2).padStart(6)} M events/s  ${(median * 100).toFixed(0).padStart(4)} % of JSON (median of rounds)  ${(c.bytes / Math.max(1, c.records)).toFixed(0).padStart(4)} B/record`,
  );
}
