/** surge init --from-json-schema: what each JSON Schema construct becomes; unsupported ones leave a comment. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { scenarioFromSchema } from "../../../src/authoring/from-schema.ts";
import { fromSchema } from "./infer-helpers.ts";

const fieldsOf = (yaml: string): Record<string, Record<string, unknown>> =>
  (parse(yaml) as { fleet: { device: { fields: Record<string, Record<string, unknown>> } } }).fleet.device.fields;

const SCHEMA = {
  type: "object",
  required: ["id", "ts", "readings", "temperature", "kind", "sessionId", "owner", "ok", "where"],
  properties: {
    id: { type: "string", examples: ["MTR-000123"] },
    ts: { type: "string", format: "date-time" },
    sessionId: { type: "string", format: "uuid" },
    owner: { type: "string", format: "email" },
    kind: { enum: ["residential", "commercial"] },
    temperature: { type: "number", minimum: -40, maximum: 85 },
    voltage: { type: ["number", "null"], minimum: 200, maximum: 250 },
    ok: { type: "boolean" },
    readings: { type: "array", minItems: 2, maxItems: 4, items: { $ref: "#/$defs/reading" } },
    where: { oneOf: [{ type: "null" }, { $ref: "#/definitions/place" }, { type: "string" }] },
    node: { $ref: "#/$defs/node" },
  },
  $defs: {
    reading: {
      type: "object",
      required: ["phase", "kwh"],
      properties: { phase: { type: "integer", enum: [1, 2, 3] }, kwh: { type: "number", minimum: 0 } },
    },
    node: { type: "object", properties: { name: { type: "string" }, child: { $ref: "#/$defs/node" } } },
  },
  definitions: { place: { type: "object", required: ["lat"], properties: { lat: { type: "number" } } } },
};

test("types, formats, enums, ranges, required, items, local $refs and oneOf become fields", () => {
  const { yaml, events } = fromSchema(SCHEMA);
  const f = fieldsOf(yaml);
  assert.deepEqual(f["id"], { gen: "id", format: "MTR-{number:06}" });
  assert.equal(f["ts"]?.["format"], "iso");
  assert.equal(f["sessionId"]?.["gen"], "uuid");
  assert.deepEqual(f["kind"], { gen: "pick", values: ["residential", "commercial"] });
  assert.equal(f["temperature"]?.["min"], -40);
  assert.equal(f["temperature"]?.["max"], 85);
  assert.equal(f["voltage"]?.["omit"], 0.1, "not required → sometimes left out");
  assert.equal(f["voltage"]?.["nullable"], 0.1, "type [number, null] → sometimes null");
  assert.match(yaml, /# recursive \$ref #\/\$defs\/node: stopped here/);
  assert.match(yaml, /# oneOf: the first of 3 branches/);
  for (const e of events) {
    assert.match(String(e["ts"]), /^\d{4}-\d\d-\d\dT/);
    assert.match(String(e["owner"]), /@/);
    const t = e["temperature"] as number;
    assert.ok(t >= -40 && t <= 85);
    const readings = e["readings"] as { phase: number; kwh: number }[];
    assert.ok(readings.length >= 2 && readings.length <= 4);
    for (const r of readings) assert.ok([1, 2, 3].includes(r.phase) && r.kwh >= 0);
    assert.equal(typeof (e["where"] as { lat: number }).lat, "number");
    assert.equal(typeof e["ok"], "boolean");
  }
});

test("unsupported constructs become comments, never errors", () => {
  const { yaml } = fromSchema({
    type: "object",
    properties: {
      cond: { if: { type: "string" }, then: { minLength: 2 } },
      extra: { type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "string" } },
      bag: { type: "object", additionalProperties: { type: "string" } },
      external: { $ref: "https://example.com/other.json" },
      missing: { $ref: "#/$defs/nope" },
      anything: {},
      tuple: { type: "array", prefixItems: [{ type: "number" }, { type: "string" }] },
      patterned: { type: "string", pattern: "^[a-z]+$" },
      lookahead: { type: "string", pattern: "^(?=a)[a-z]+$" },
      weird: { type: "quaternion" },
      all: {
        allOf: [
          { type: "object", properties: { a: { type: "number" } } },
          { properties: { b: { type: "string" } }, required: ["b"] },
        ],
      },
      fixed: { const: "v1" },
    },
  });
  for (const note of [
    "if/then/else not generated",
    "additionalProperties not generated",
    "only local refs are followed",
    "no type in the schema",
    "tuple items",
    "cannot be generated",
    "unknown: put a generator here",
  ]) {
    assert.ok(yaml.includes(note), note);
  }
  assert.deepEqual(Object.keys(fieldsOf(yaml)["all"] ?? {}), ["a", "b"]);
  assert.ok(yaml.includes('patterned: {gen: regex, pattern: "^[a-z]+$"'), "a pattern is generated");
  assert.ok(yaml.includes("bag: {map: "), "an object of any keys is a map");
});

test("a schema that is not an object of properties is refused with one line", () => {
  const refuse = (schema: unknown): string => {
    const r = scenarioFromSchema(
      { path: "s.json", text: typeof schema === "string" ? schema : JSON.stringify(schema) },
      "s",
      new Date(),
    );
    assert.ok("errors" in r);
    return r.errors.join("\n");
  };
  assert.match(refuse({ type: "array", items: { type: "number" } }), /describes a list, not an event object/);
  assert.match(refuse([1, 2]), /a JSON Schema is an object/);
  assert.match(refuse({ type: "object" }), /no properties/);
  assert.match(refuse("{ not json: ["), /neither JSON nor YAML/);
});
