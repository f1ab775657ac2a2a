/**
 * Micro-benchmark of the event models: ns per device event (string building only, no Kafka).
 *   node --import tsx scripts/bench-sim.ts [--devices 10000] [--events 1000000] [--encode]
 *   bun scripts/bench-sim.ts
 * --encode also UTF-8-encodes each value (Buffer.from), as the producer will.
 */
import { parseArgs } from "node:util";
import { models } from "../src/sim/models/index.ts";
import { Random } from "../src/sim/random.ts";
import { NO_EFFECTS, type RecordSink } from "../src/sim/types.ts";

const { values: args } = parseArgs({
  options: {
    devices: { type: "string", default: "10000" },
    events: { type: "string", default: "1000000" },
    model: { type: "string" },
    encode: { type: "boolean", default: false },
  },
});
const devices = Number(args.devices);
const events = Number(args.events);

let bytes = 0;
let records = 0;
const sink: RecordSink = args.encode
  ? {
      push: (_t, key, value) => {
        bytes += Buffer.from(value).length + key.length;
        records++;
      },
    }
  : {
      push: (_t, key, value) => {
        bytes += value.length + key.length;
        records++;
      },
    };

const runtime = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined" ? "bun" : `node ${process.version}`;
console.log(`${runtime}: ${devices} devices, ${events} events per model${args.encode ? ", encoded" : ""}`);

for (const [name, factory] of Object.entries(models)) {
  if (args.model !== undefined && args.model !== name) continue;
  const scenario = {
    name,
    description: "",
    model: name,
    devices,
    sampleIntervalMs: 1000,
    maxRatePerDevice: 0,
    topics: factory.roles.map((role) => ({ role, name: role })),
    params: {},
  };
  const created = performance.now();
  const model = factory.create({ scenario, random: new Random(1), devices });
  const setupMs = performance.now() - created;
  // 100k events/s of simulated time; devices round-robin like a full fleet.
  const start = Date.now();
  const pass = (n: number, offset: number): void => {
    for (let i = 0; i < n; i++) model.emit((offset + i) % devices, start + (offset + i) * 0.01, sink, NO_EFFECTS);
  };
  pass(Math.min(events, 200_000), 0); // warm up the JIT
  bytes = 0;
  records = 0;
  const t0 = performance.now();
  pass(events, 200_000);
  const ns = ((performance.now() - t0) * 1e6) / events;
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `${name.padEnd(10)} ${ns.toFixed(0).padStart(5)} ns/event  ${(1e9 / ns / 1e6).toFixed(2)} M events/s` +
      `  ${(bytes / records).toFixed(0)} B/record  ${(records / events).toFixed(3)} records/event` +
      `  setup ${setupMs.toFixed(0)} ms  rss ${rss.toFixed(0)} MB`,
  );
}
