/** Device-fixed fields past the per-field cache: drawn again per event, the same values every time. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CACHED_DEVICES } from "../../../../src/sim/declared/compile/leaf.ts";
import { Random } from "../../../../src/sim/random.ts";
import { NO_EFFECTS } from "../../../../src/sim/types.ts";
import { compileYaml } from "./helpers.ts";

const FIXED = `
topics: {data: readings}
fleet:
  meter:
    fields:
      id: {gen: id, format: "m-{number:07}"}
      mac: {gen: mac}
      owner: {gen: uuid, per: device}
      lat: {gen: uniform, per: device, min: 40, max: 50, decimals: 5}
      tariff: {gen: pick, per: device, values: [a, b, c]}
      place: {gen: location}
      power: {gen: normal, mean: 100, sd: 10}
    topics: {data: {}}
`;
const FIXED_FIELDS = ["id", "mac", "owner", "lat", "tariff", "place"];

function eventsOf(model: ReturnType<typeof compileYaml>, device: number, times: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < times; i++) {
    model.emit(device, Date.UTC(2026, 0, 5) + i * 1000, { push: (_t, _k, v) => out.push(JSON.parse(v)) }, NO_EFFECTS);
  }
  return out;
}

const fixedOf = (e: Record<string, unknown>) => FIXED_FIELDS.map((f) => JSON.stringify(e[f]));

test("a device past the cache keeps its fixed fields on every event, and the caches stay bounded", () => {
  const devices = CACHED_DEVICES + 5;
  const model = compileYaml(FIXED, { devices });
  const far = eventsOf(model, CACHED_DEVICES + 2, 3);
  assert.deepEqual(fixedOf(far[1]!), fixedOf(far[0]!));
  assert.deepEqual(fixedOf(far[2]!), fixedOf(far[0]!));
  assert.equal(far[0]!["id"], `m-${String(CACHED_DEVICES + 3).padStart(7, "0")}`);
  assert.notEqual(far[1]!["power"], far[0]!["power"], "per-event fields still change");
  for (const s of model.states.filter((s) => s.type === "str")) assert.ok(s.devices <= CACHED_DEVICES, s.path);
});

test("a cached device's fixed fields are those it draws in a fleet too small to need the bound", () => {
  const big = eventsOf(compileYaml(FIXED, { devices: CACHED_DEVICES + 5 }), 7, 2);
  const small = eventsOf(compileYaml(FIXED, { devices: 10 }), 7, 2);
  assert.deepEqual(fixedOf(big[0]!), fixedOf(small[0]!));
  assert.deepEqual(fixedOf(big[1]!), fixedOf(small[1]!));
});

test("Random.reseed starts the stream over exactly as a new Random of that seed", () => {
  const fresh = new Random(42);
  const reused = new Random(7);
  reused.normal(0, 1); // leaves a spare deviate behind, which the reseed must drop
  reused.reseed(42);
  for (let i = 0; i < 5; i++) assert.equal(reused.normal(0, 1), fresh.normal(0, 1));
  assert.equal(reused.bits(), fresh.bits());
});
