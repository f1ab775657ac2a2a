/**
 * The value path (the fleet hands encoders record values, src/sim/declared/compile/value-tree.ts)
 * writes the same bytes as avsc and protobufjs write for the same record parsed from its JSON
 * text, for every built-in fleet and one with every shape (nulls, left-out keys, nested objects,
 * arrays of records, maps, times in every unit, negative and large numbers), and draws the same records.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { sampleRecords } from "../../../src/authoring/sample-events.ts";
import { builtinScenarios } from "../../../src/config/builtins.generated.ts";
import { parseScenarioYaml } from "../../../src/config/scenario-file.ts";
import type { RunSettings, Scenario } from "../../../src/config/types.ts";
import type { FormatName } from "../../../src/formats/encoder.ts";
import { buildEncoders } from "../../../src/formats/topic-schemas.ts";
import { declaredModel } from "../../../src/sim/declared/factory.ts";
import { NO_EFFECTS, type EventModel } from "../../../src/sim/types.ts";

const EVERY_SHAPE = `name: every-shape
devices: 60
sampleInterval: 1s
topics:
  data: shapes-data
  side: shapes-side
fleet:
  meter:
    fields:
      id: {gen: id, format: "m-{number:04}"}
      at: {gen: timestamp, format: iso, precision: 6, zone: "+02:00"}
      at0: {gen: timestamp, format: iso, precision: 0}
      ms: {gen: timestamp, format: epoch-ms}
      us: {gen: timestamp, format: epoch-us}
      n: {gen: counter, start: -3}
      cold: {gen: normal, mean: -5, sd: 3}
      tiny: {gen: normal, mean: 0, sd: 0.004}
      whole: {gen: normal, mean: 0, sd: 2, decimals: 0}
      fine: {gen: normal, mean: 1, sd: 1, decimals: 4}
      state: {gen: pick, values: [on, off, idle]}
      word: {gen: pick, values: [on, "no way", "caf\u00e9"]}
      maybe: {gen: normal, mean: 3, sd: 1, omit: 0.5}
      gone: {gen: pick, values: [p, q], nullable: 0.3}
      flag: {gen: bool}
      where: {gen: location}
      nested:
        inner: {v: {gen: uniform, min: 0, max: 1}, label: {gen: pick, values: [x, y], omit: 0.3}}
        k: 7
      list: {array: {v: {gen: uniform, min: 0, max: 1, decimals: 1}, p: {gen: pick, values: [L1, L2]}}, length: [0, 3]}
      temps: {map: {gen: normal, mean: 20, sd: 2, decimals: 1}, keys: [cpu, gpu, "d\u00e9", "7"], size: [0, 4]}
      dice: {array: {gen: uniform, min: 1, max: 9, decimals: 0}, length: [2, 4], unique: true}
      picks: {array: {gen: pick, values: [1, 2, 3, 4]}, length: [0, 3], unique: true}
      tags: {map: {n: {gen: pick, values: [x, y]}, w: {gen: uniform, min: 0, max: 9, decimals: 0, nullable: 0.3}}, keys: {gen: regex, pattern: "[a-c]{2}"}, size: [1, 3]}
    topics:
      data: {}
      side:
        key: "{id}"
        value:
          id: {ref: id}
          at: {ref: at}
          level: {gen: expr, expr: "cold > -5 ? 'high' : 'low'"}
          again: {array: {w: {gen: normal, mean: 1, sd: 1}}, length: 2}
          m: {map: {gen: bool}, keys: [a, b]}
`;

function scenarioOf(name: string, text: string): Scenario {
  const { scenario, errors } = parseScenarioYaml(text, name);
  if (!scenario) throw new Error(errors.join("\n"));
  return {
    name,
    description: "",
    model: scenario.model,
    devices: Math.min(scenario.devices ?? 100, 400),
    sampleIntervalMs: scenario.sampleIntervalMs ?? 1000,
    maxRatePerDevice: 0,
    topics: scenario.topics,
    params: {},
    fleet: scenario.fleet,
  };
}

function modelOf(scenario: Scenario, values?: ((v: unknown) => void)[]): EventModel {
  const built = declaredModel(scenario, 5, 1, values);
  if ("errors" in built) throw new Error(built.errors.join("\n"));
  return built.model;
}

const FLEETS: [string, string][] = [
  ...Object.entries(builtinScenarios),
  ["configs/ev-charging.yaml", readFileSync(new URL("../../../configs/ev-charging.yaml", import.meta.url), "utf8")],
  ["every-shape", EVERY_SHAPE],
];

for (const format of ["avro", "protobuf"] as FormatName[]) {
  test(`${format}: value path bytes = the library's bytes of the parsed JSON record, same records`, () => {
    for (const [name, text] of FLEETS) {
      const scenario = scenarioOf(name, text);
      const settings = { scenario, seed: 5 } as RunSettings;
      const sample = (topicIndex: number, count: number): string[] =>
        sampleRecords(settings, modelOf(scenario), {
          count,
          topicIndex,
          startMs: 1.8e12,
          maxVisits: 50_000,
        }).records.map((r) => r.value);
      const built = buildEncoders(settings, { format, baseDir: process.cwd(), sample });
      if ("problems" in built) throw new Error(`${name}: ${built.problems.join("\n")}`);
      const encoders = built.encoders;
      encoders.forEach((e, i) => e?.useRegistry(40 + i, "t"));
      assert.ok(
        encoders.every((e) => e?.takesValues),
        `${name}: every topic takes values`,
      );
      const viaJson: [number, string, Buffer][] = [];
      const viaValue: [number, string, Buffer, string][] = [];
      const json = modelOf(scenario);
      const values = modelOf(
        scenario,
        encoders.map((e) => (e as NonNullable<typeof e>).stage),
      );
      for (let k = 0; k < 1500; k++) {
        const d = k % scenario.devices;
        const t = 1.8e12 + k * 137.25;
        json.emit(d, t, { push: (i, key, v) => viaJson.push([i, key, encoders[i]!.encode(v)]) }, NO_EFFECTS);
        values.emit(d, t, { push: (i, key, v) => viaValue.push([i, key, encoders[i]!.encode(v), v]) }, NO_EFFECTS);
      }
      assert.ok(viaJson.length >= 500, `${name}: ${viaJson.length} records`);
      assert.equal(viaValue.length, viaJson.length, name);
      for (const [i, [topic, key, bytes]] of viaJson.entries()) {
        const [vTopic, vKey, vBytes, vText] = viaValue[i]!;
        assert.equal(vText, "", `${name}: record ${i} went out as a value`);
        assert.equal(vTopic, topic);
        assert.equal(vKey, key);
        assert.deepEqual(vBytes, bytes, `${name} record ${i}: ${JSON.stringify(encoders[topic]!.decode(bytes))}`);
      }
    }
  });
}
