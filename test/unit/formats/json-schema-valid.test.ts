/**
 * Every record sampled from a fleet that `surge init --from-json-schema` wrote is valid against
 * the schema it came from, checked by a real validator (ajv, with the common formats), for
 * schemas of different shapes: patterns, enums, const, ranges (exclusive too), multipleOf,
 * string lengths, formats, arrays with bounds, optional keys, oneOf/anyOf, $ref/$defs,
 * if/then/else, dependentRequired, uniqueItems (minItems above 1 too), maps (propertyNames,
 * patternProperties, additionalProperties schemas), multipleOf 0.1, and public schemas kept in
 * ./schemas (a GeoJSON point feature, a CloudEvents envelope, OCPP 1.6 meter values); an
 * id-like field with a pattern is drawn per device, keys the records and never collides.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import Ajv2020 from "ajv/dist/2020.js";
import { sampleRecords } from "../../../src/authoring/sample-events.ts";
import { scenarioFromSchema } from "../../../src/authoring/from-schema.ts";
import { scenarioYaml } from "../../../src/authoring/yaml-writer.ts";
import { parseScenarioYaml } from "../../../src/config/scenario-file.ts";
import type { RunSettings, Scenario } from "../../../src/config/types.ts";
import { declaredModel } from "../../../src/sim/declared/factory.ts";

const FORMATS: Record<string, RegExp> = {
  "date-time": /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i,
  date: /^\d{4}-\d\d-\d\d$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  ipv4: /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  "uri-reference": /^[^\s]*$/,
};

const SCHEMAS: Record<string, object> = {
  "cold-chain trailer": {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Trailer",
    type: "object",
    required: ["trailerId", "ts", "tempC", "door", "reefer"],
    properties: {
      trailerId: { type: "string", pattern: "^TRL-[0-9]{6}$" },
      ts: { type: "string", format: "date-time" },
      tempC: { type: "number", minimum: -30, maximum: 8 },
      setpointC: { type: "number", enum: [-18, 2, 4] },
      door: { type: "string", enum: ["open", "closed"] },
      reefer: { $ref: "#/$defs/reefer" },
      seal: { type: ["string", "null"], pattern: "^[A-Z]{2}\\d{5}$" },
    },
    $defs: {
      reefer: {
        type: "object",
        required: ["mode", "fuelPct"],
        properties: {
          mode: { const: "continuous" },
          fuelPct: { type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 100 },
          alarms: { type: "array", items: { type: "string", pattern: "^A[0-9]{2}$" }, minItems: 0, maxItems: 4 },
        },
      },
    },
  },
  "meter with lengths and steps": {
    type: "object",
    required: ["id", "reading", "step", "code", "host"],
    properties: {
      id: { type: "string", format: "uuid" },
      reading: { type: "number", minimum: 0, exclusiveMaximum: 1000, multipleOf: 0.5 },
      step: { type: "integer", minimum: 10, maximum: 90, multipleOf: 10 },
      code: { type: "string", minLength: 3, maxLength: 8 },
      host: { type: "string", format: "ipv4" },
      owner: { type: "string", format: "email" },
      tags: { type: "array", items: { type: "string", maxLength: 5 }, minItems: 1, maxItems: 3 },
    },
  },
  alternatives: {
    type: "object",
    required: ["kind", "payload"],
    properties: {
      kind: { type: "string", pattern: "^(temp|hum)-(in|out)$" },
      payload: {
        oneOf: [
          { type: "object", required: ["v"], properties: { v: { type: "number", minimum: 1, maximum: 2 } } },
          { type: "null" },
        ],
      },
      level: { anyOf: [{ type: "integer", minimum: 1, maximum: 5 }, { type: "string" }] },
      points: {
        type: "array",
        minItems: 2,
        maxItems: 2,
        items: { type: "object", required: ["x"], properties: { x: { type: "integer", minimum: -5, maximum: 5 } } },
      },
    },
  },
  rules: {
    type: "object",
    required: ["sensorId", "kind", "reading"],
    properties: {
      sensorId: { type: "string", pattern: "^[A-Z]{2}[0-9]{2}$" },
      kind: { type: "string", enum: ["temp", "door", "power"] },
      reading: { type: "number", minimum: 0, maximum: 50, multipleOf: 0.1 },
      unit: { type: "string", enum: ["C", "F", "W"] },
      open: { type: "boolean" },
      battery: { type: "integer", minimum: 0, maximum: 100 },
      batteryAt: { type: "string", format: "date-time" },
      tags: { type: "array", uniqueItems: true, items: { type: "string", enum: ["a", "b", "c"] } },
    },
    dependentRequired: { battery: ["batteryAt"] },
    if: { properties: { kind: { const: "temp" } }, required: ["kind"] },
    then: { required: ["unit"], properties: { unit: { enum: ["C", "F"] }, reading: { maximum: 40 } } },
    else: { required: ["open"] },
    allOf: [
      {
        if: { properties: { unit: { const: "W" } } },
        then: { properties: { reading: { minimum: 10 } } },
        else: { properties: { reading: { maximum: 45 } } },
      },
    ],
  },
  "maps and unique items": {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    required: ["id", "labels", "levels", "byCode", "ports", "codes", "dice", "cells"],
    additionalProperties: false,
    properties: {
      id: { type: "string", pattern: "^D-[0-9]{4}$" },
      labels: {
        type: "object",
        propertyNames: { enum: ["env", "zone", "rack"] },
        additionalProperties: { type: "string", enum: ["a", "b"] },
        minProperties: 1,
      },
      levels: {
        type: "object",
        propertyNames: { pattern: "^ch[0-9]{2}$" },
        additionalProperties: { type: ["number", "null"], minimum: 0, maximum: 5 },
        maxProperties: 4,
      },
      byCode: {
        type: "object",
        patternProperties: { "^[A-Z]{3}$": { type: "integer", minimum: 1, maximum: 9 } },
        additionalProperties: false,
      },
      ports: {
        type: "object",
        additionalProperties: {
          type: "object",
          required: ["up"],
          additionalProperties: false,
          properties: { up: { type: "boolean" }, errors: { type: "integer", minimum: 0 } },
        },
        minProperties: 2,
        maxProperties: 2,
      },
      codes: { type: "array", uniqueItems: true, minItems: 2, maxItems: 5, items: { enum: ["a", "b", "c", "d", "e"] } },
      dice: { type: "array", uniqueItems: true, minItems: 6, items: { type: "integer", minimum: 1, maximum: 6 } },
      cells: {
        type: "array",
        uniqueItems: true,
        minItems: 3,
        maxItems: 8,
        items: { type: "string", pattern: "^[A-C][0-2]$" },
      },
    },
  },
};

/** The public schemas, written into this repository (checked by the 2020 validator: their drafts' ids dropped). */
const DIR = new URL("./schemas/", import.meta.url);
for (const file of readdirSync(DIR).filter((f) => f.endsWith(".schema.json"))) {
  const schema = JSON.parse(readFileSync(new URL(file, DIR), "utf8")) as Record<string, unknown>;
  delete schema["$schema"];
  delete schema["id"];
  SCHEMAS[file] = schema;
}

/** Per-device ids: every device's own, for as many devices as this (the pattern allows 67,600). */
const DEVICES: Record<string, number> = { rules: 2000 };

test("records of fleets made from JSON Schemas are valid against them (ajv)", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const [name, re] of Object.entries(FORMATS)) ajv.addFormat(name, re);
  assert.ok(Object.keys(SCHEMAS).length >= 7, "the public schemas were read");
  for (const [title, schema] of Object.entries(SCHEMAS)) {
    const built = scenarioFromSchema({ path: "s.schema.json", text: JSON.stringify(schema) }, "s", new Date(0));
    assert.ok("scenario" in built, `${title}: ${JSON.stringify(built)}`);
    const yaml = scenarioYaml(built.scenario);
    const { scenario: parsed, errors } = parseScenarioYaml(yaml, "s");
    assert.ok(parsed, `${title}: ${errors.join("; ")}\n${yaml}`);
    const scenario = {
      ...parsed,
      name: "s",
      description: "",
      devices: DEVICES[title] ?? 50,
      params: {},
      maxRatePerDevice: 0,
    } as Scenario;
    const model = declaredModel(scenario, 3, 1);
    assert.ok("model" in model, `${title}: ${JSON.stringify(model)}`);
    const { records } = sampleRecords({ scenario, seed: 3 } as RunSettings, model.model, {
      count: 2000,
      topicIndex: 0,
      startMs: 1.8e12,
      maxVisits: 100_000,
    });
    assert.equal(records.length, 2000, title);
    const validate = ajv.compile(schema);
    const invalid = records.map((r) => JSON.parse(r.value) as unknown).filter((v) => !validate(v));
    if (title === "cold-chain trailer") {
      assert.ok(
        records.every((r) => r.key === (JSON.parse(r.value) as { trailerId: string }).trailerId),
        "key = trailerId",
      );
      const ids = new Map(records.map((r) => [r.device, r.key]));
      assert.ok(
        records.every((r) => ids.get(r.device) === r.key),
        "one trailer id per device",
      );
    }
    if (title === "rules") {
      const ids = new Map<string, number>();
      for (const r of records) ids.set((JSON.parse(r.value) as { sensorId: string }).sensorId, r.device);
      const devices = new Set(records.map((r) => r.device));
      assert.equal(ids.size, devices.size, "one sensor id per device, none shared");
      assert.ok(devices.size > 500, `${devices.size} devices sampled`);
    }
    validate(invalid[0]);
    assert.equal(
      invalid.length,
      0,
      `${title}: ${invalid.length} of ${records.length} invalid, e.g. ${JSON.stringify(invalid[0])}: ${ajv.errorsText(validate.errors)}\n${yaml}`,
    );
  }
});
