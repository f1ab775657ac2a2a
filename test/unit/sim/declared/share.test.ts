/** Kinds alike but for constants share one function (compile/share.ts): the records stay the same. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinScenarios } from "../../../../src/config/builtins.generated.ts";
import { readYamlText } from "../../../../src/config/yaml-text.ts";
import { compileFleet } from "../../../../src/sim/declared/compile/fleet.ts";
import { validateFleet } from "../../../../src/sim/declared/validate.ts";
import type { ValueEffects } from "../../../../src/sim/types.ts";
import { SMART_METERS } from "./fixtures.ts";

// Two kinds alike but for constants (negative ones, texts, picks, header values), a third that is
// not, with arrays, omits, prev., a state machine, records built per rule and a header key that
// differs (a key is not a constant: those kinds must not be merged).
const ALIKE = `
topics: {data: readings, alerts: alerts}
fleet:
  layout: interleaved
  kinds:
    hot:
      fields:
        id: {gen: id, format: "hot-{number:03}"}
        model: {gen: pick, per: device, values: [h1, h2, h3]}
        temp: {gen: band, min: -20, max: 50, normalMin: 15, normalMax: 25, anomalyRate: 0.1, noise: 0.1, dailySwing: 0.2}
        level: {gen: walk, mean: 5, sd: 2, reversion: 0.1, min: -10, max: 10, decimals: 1}
        delta: {gen: expr, expr: "level - prev.level"}
        mode: {gen: state, initial: {idle: 3, busy: 1}, states: {idle: {next: {busy: 0.2}}, busy: {next: {idle: 0.3}}}}
        note: {gen: pick, values: [x, y], omit: 0.3, nullable: 0.2}
        parts: {array: {gen: normal, mean: 3, sd: 1, decimals: 2}, length: [0, 3]}
        unit: "°C"
      topics:
        data: {headers: {kind: "hot"}}
        alerts: {if: "temp > 30", key: "{id}", value: {id: {ref: id}, temp: {ref: temp}, limit: 30}}
    cold:
      fields:
        id: {gen: id, format: "cold-{number:03}"}
        model: {gen: pick, per: device, values: [c1, c2, c3]}
        temp: {gen: band, min: -40, max: 10, normalMin: -25, normalMax: -15, anomalyRate: 0.05, noise: 0.2, dailySwing: -0.1}
        level: {gen: walk, mean: -5, sd: 3, reversion: 0.2, min: -20, max: 0, decimals: 1}
        delta: {gen: expr, expr: "level - prev.level"}
        mode: {gen: state, initial: {idle: 1, busy: 1}, states: {idle: {next: {busy: 0.1}}, busy: {next: {idle: 0.5}}}}
        note: {gen: pick, values: [p, q], omit: 0.1, nullable: 0.4}
        parts: {array: {gen: normal, mean: 7, sd: 2, decimals: 2}, length: [0, 3]}
        unit: "K"
      topics:
        data: {headers: {kind: "cold"}}
        alerts: {if: "temp > 5", key: "{id}", value: {id: {ref: id}, temp: {ref: temp}, limit: 5}}
    odd:
      fields:
        id: {gen: id, format: "odd-{number:03}"}
        temp: {gen: band, min: -40, max: 10, normalMin: -25, normalMax: -15, anomalyRate: 0.05, noise: 0.2}
      topics:
        data: {headers: {sort: "odd"}}
`;

const EFFECTS: ValueEffects[] = [
  { scale: 1, drift: 0, stuck: false },
  { scale: 3, drift: 0.2, stuck: false },
  { scale: 1, drift: 0, stuck: true },
];

/** Every record (and every value handed to a binary encoder) of `events` events. */
function records(yamlText: string, devices: number, share: boolean, values: boolean): string[] {
  const read = readYamlText(yamlText, "test.yaml");
  assert.ok("data" in read);
  const doc = read.data as { fleet: unknown; topics: Record<string, string> };
  const roles = Object.keys(doc.topics);
  const { fleet, errors } = validateFleet(doc.fleet, { roles });
  assert.deepEqual(errors, []);
  const out: string[] = [];
  const model = compileFleet(fleet!, {
    devices,
    seed: 7,
    roles,
    sampleIntervalMs: 1000,
    timeScale: 60,
    share,
    ...(values ? { values: roles.map(() => (v: unknown) => out.push(`value ${JSON.stringify(v)}`)) } : {}),
  });
  const sink = {
    push: (topic: number, key: string, value: string, headers?: Record<string, string>) =>
      out.push(`${topic} ${key} ${value} ${JSON.stringify(headers ?? {})}`),
  };
  const t0 = Date.UTC(2026, 0, 5, 12);
  for (let i = 0; i < devices * 6; i++)
    model.emit(i % devices, t0 + i * 37, sink, EFFECTS[i % 7 === 3 ? 1 : i % 11 === 5 ? 2 : 0]!);
  return out;
}

test("kinds alike but for constants write what they write with a function each", () => {
  for (const values of [false, true]) {
    const shared = records(ALIKE, 31, true, values);
    assert.ok(shared.length > 31 * 6);
    assert.deepEqual(shared, records(ALIKE, 31, false, values));
  }
});

test("the built-in fleets and the smart meters write the same records shared or not", () => {
  const fleets = { ...builtinScenarios, meters: SMART_METERS };
  for (const [name, text] of Object.entries(fleets)) {
    const devices = name === "ev-charging" ? 24 : 25;
    assert.deepEqual(records(text, devices, true, false), records(text, devices, false, false), name);
  }
});

test("alike kinds do share: the lab's six sensor kinds run two functions", () => {
  const read = readYamlText(builtinScenarios["lab"] ?? "", "lab.yaml");
  assert.ok("data" in read);
  const { fleet } = validateFleet((read.data as { fleet: unknown }).fleet, { roles: ["data"] });
  const model = compileFleet(fleet!, { devices: 60, seed: 1, roles: ["data"], sampleIntervalMs: 1000, timeScale: 1 });
  // Humidity and temperature swing with the day; the other four do not.
  assert.equal(model.source.match(/^const shape\d+ = /gm)?.length, 2);
  assert.equal(model.source.match(/^const k\d+ = /gm), null);
});
