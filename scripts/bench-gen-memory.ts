/**
 * npm run bench:gen -- --memory: RSS of a declared fleet of 1,000,000 devices with ten stateful
 * fields after every device has emitted (all state touched, every id cached); with --group N the
 * devices also sit in groups of N with a group id, a location and an operator drawn per group.
 *   node --import tsx scripts/bench-gen-memory.ts [--devices 1000000] [--group 10]
 */
import { parseArgs } from "node:util";
import { compileFleet } from "../src/sim/declared/compile/fleet.ts";
import { validateFleet } from "../src/sim/declared/validate.ts";
import { NO_EFFECTS } from "../src/sim/types.ts";

const { values: args } = parseArgs({
  options: { devices: { type: "string", default: "1000000" }, group: { type: "string", default: "0" } },
});
const devices = Number(args.devices);
const groupSize = Number(args.group);
const TEN_STATEFUL = {
  meter: {
    fields: {
      id: { gen: "id", format: "m-{number:07}" },
      t: { gen: "timestamp" },
      temperature: { gen: "reading", mean: 21, sd: 1, min: -10, max: 50, smoothing: 0.7, trend: 0.05 },
      humidity: {
        gen: "reading",
        mean: 50,
        sd: 5,
        min: 0,
        max: 100,
        smoothing: 0.7,
        trend: 0.05,
        correlate: "temperature",
        rho: -0.5,
      },
      power: { gen: "walk", mean: 1000, sd: 200, min: 0, max: 10000 },
      energy: { gen: "meter", ratePerHour: 0.5 },
      seq: { gen: "counter" },
      relay: { gen: "onoff", onShare: 0.7 },
      battery: { gen: "battery" },
      rssi: { gen: "signal" },
      avg: { gen: "smooth", of: "power" },
      delta: { gen: "expr", expr: "energy - prev.energy" },
    },
    topics: { data: {} },
  },
};
const GROUPED = {
  groups: {
    site: {
      size: groupSize,
      fields: {
        site_id: { gen: "id", format: "site-{number:06}" },
        location: {
          lat: { gen: "uniform", min: 40, max: 50, decimals: 5 },
          lon: { gen: "uniform", min: 0, max: 10, decimals: 5 },
        },
        operator: { gen: "pick", values: ["a", "b", "c"] },
      },
    },
  },
  kinds: {
    meter: {
      ...TEN_STATEFUL.meter,
      group: "site",
      fields: {
        ...TEN_STATEFUL.meter.fields,
        site: { ref: "site.site_id" },
        location: { ref: "site.location" },
        operator: { ref: "site.operator" },
        slot: { gen: "expr", expr: "member" },
      },
    },
  },
};
const before = process.memoryUsage().rss;
const { fleet, errors } = validateFleet(groupSize > 0 ? GROUPED : TEN_STATEFUL, { roles: ["data"] });
if (!fleet) throw new Error(errors.join("\n"));
const t0 = performance.now();
const model = compileFleet(fleet, { devices, seed: 1, roles: ["data"], sampleIntervalMs: 1000, timeScale: 1 });
let bytes = 0;
const start = Date.now();
for (let d = 0; d < devices; d++)
  model.emit(
    d,
    start + d * 0.001,
    {
      push: (_t, k, v) => {
        bytes += k.length + v.length;
      },
    },
    NO_EFFECTS,
  );
const ms = performance.now() - t0;
// Caches of device-fixed texts hold a bounded number of devices: their entries count once.
const perDevice =
  model.states.reduce(
    (a, s) => a + s.devices * s.slots * (s.type === "f64" || s.type === "str" ? 8 : s.type === "u8" ? 1 : 4),
    0,
  ) / devices;
console.log(
  `${devices.toLocaleString("en-US")} devices${groupSize > 0 ? ` in groups of ${groupSize}` : ""}, ${model.states.length} state arrays (${perDevice.toFixed(0)} bytes/device before strings), ` +
    `one event each in ${(ms / 1000).toFixed(1)} s (${(bytes / devices).toFixed(0)} B/event): rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (${(before / 2 ** 20).toFixed(0)} MB before)`,
);
