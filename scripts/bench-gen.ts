/**
 * npm run bench:gen: events/s of each built-in scenario's generator alone (no engine, no Kafka),
 * with the coded model each built-in used before it was declared (src/sim/models) measured in the
 * same process, rounds interleaved so machine load hits both alike. Rates are events per CPU
 * second of this process (process.cpuUsage), which other load on the machine barely moves.
 *   node --import tsx scripts/bench-gen.ts [--devices 10000] [--events 500000] [--rounds 5] [--only lab,cameras]
 *   bun scripts/bench-gen.ts
 */
import { parseArgs } from "node:util";
import { builtinScenarios } from "../src/config/builtins.generated.ts";
import { parseScenarioYaml } from "../src/config/scenario-file.ts";
import type { Scenario } from "../src/config/types.ts";
import { declaredModel } from "../src/sim/declared/factory.ts";
import { models } from "../src/sim/models/index.ts";
import { Random } from "../src/sim/random.ts";
import { NO_EFFECTS, type EventModel, type RecordSink } from "../src/sim/types.ts";

const { values: args } = parseArgs({
  options: {
    devices: { type: "string", default: "10000" },
    events: { type: "string", default: "500000" },
    rounds: { type: "string", default: "5" },
    only: { type: "string", default: "" },
  },
});
const devices = Number(args.devices);
const events = Number(args.events);
const rounds = Number(args.rounds);
// --only lab,cameras: just these built-ins (a quicker, focused run).
const only = args.only === "" ? undefined : new Set(args.only.split(","));
const scenarios = Object.entries(builtinScenarios).filter(([name]) => !only || only.has(name));

let bytes = 0;
let records = 0;
const sink: RecordSink = {
  push: (_t, key, value) => {
    bytes += value.length + key.length;
    records++;
  },
};

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
    params: scenario.params,
    ...(scenario.fleet !== undefined ? { fleet: scenario.fleet } : {}),
  };
}

function build(scenario: Scenario): EventModel {
  if (scenario.fleet !== undefined) {
    const built = declaredModel(scenario, 1, 1);
    if ("errors" in built) throw new Error(built.errors.join("\n"));
    return built.model;
  }
  const factory = models[scenario.model];
  if (!factory) throw new Error(`no model ${scenario.model}`);
  return factory.create({ scenario, random: new Random(1), devices });
}

const contenders: { label: string; model: EventModel; clock: number; best: number; bytes: number; records: number }[] =
  [];
for (const [name, text] of scenarios) {
  const scenario = scenarioOf(name, text);
  contenders.push({
    label: `${name}${scenario.fleet !== undefined ? " (declared)" : " (coded)"}`,
    model: build(scenario),
    clock: 0,
    best: 0,
    bytes: 0,
    records: 0,
  });
}
// The coded model each built-in used before it was declared (src/sim/models), same devices.
for (const [name, text] of scenarios) {
  const scenario = scenarioOf(name, text);
  if (scenario.fleet === undefined || models[name] === undefined) continue;
  const coded: Scenario = { ...scenario, model: name, params: {} };
  delete coded.fleet;
  contenders.push({ label: `${name} (coded, before)`, model: build(coded), clock: 0, best: 0, bytes: 0, records: 0 });
}

const start = Date.now();
function pass(c: (typeof contenders)[number], n: number): void {
  const m = c.model;
  // 100k events/s of simulated time; devices round-robin like a full fleet.
  for (let i = 0; i < n; i++) {
    const k = c.clock++;
    m.emit(k % devices, start + k * 0.01, sink, NO_EFFECTS);
  }
}
for (const c of contenders) pass(c, Math.min(events, 200_000)); // warm up the JIT
const ratios = new Map<string, number[]>();
const rateOf = new Map<string, number>();
for (let r = 0; r < rounds; r++) {
  for (const c of contenders) {
    bytes = 0;
    records = 0;
    // CPU time of this process, not wall time: on a shared machine other processes' load
    // stretches wall time but not the CPU this loop itself used.
    const cpu0 = process.cpuUsage();
    pass(c, events);
    const cpu = process.cpuUsage(cpu0);
    const rate = events / ((cpu.user + cpu.system) / 1e6);
    if (rate > c.best) c.best = rate;
    rateOf.set(c.label, rate);
    c.bytes = bytes;
    c.records = records;
  }
  for (const [name] of scenarios) {
    const declared = rateOf.get(`${name} (declared)`);
    const coded = rateOf.get(`${name} (coded, before)`);
    if (declared !== undefined && coded !== undefined)
      ratios.set(name, [...(ratios.get(name) ?? []), declared / coded]);
  }
}
const runtime = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined" ? "bun" : `node ${process.version}`;
console.log(
  `${runtime}: ${devices} devices, ${events} events per round, best of ${rounds} interleaved rounds, per CPU second`,
);
for (const c of contenders) {
  console.log(
    `${c.label.padEnd(28)} ${(c.best / 1e6).toFixed(2).padStart(6)} M events/s  ${(c.bytes / c.records).toFixed(0).padStart(4)} B/record  ${(c.records / events).toFixed(3)} records/event`,
  );
}
for (const [name, list] of ratios) {
  const declared = contenders.find((c) => c.label === `${name} (declared)`);
  const coded = contenders.find((c) => c.label === `${name} (coded, before)`);
  const median = list.sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
  if (declared && coded) {
    console.log(
      `declared ${name} / coded ${name}: best ${((declared.best / coded.best) * 100).toFixed(1)} %, median of rounds ${(median * 100).toFixed(1)} %`,
    );
  }
}
console.log(`rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
