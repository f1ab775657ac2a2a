/**
 * A declared map → Avro map, Protobuf map<string, V> and JSON Schema additionalProperties (with
 * propertyNames from its keys); given schemas with maps are checked against the fleet; the
 * derived JSON Schema holds for every sampled record (ajv).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import Ajv from "ajv";
import { parse } from "yaml";
import { sampleRecords } from "../../../src/authoring/sample-events.ts";
import { parseScenarioYaml } from "../../../src/config/scenario-file.ts";
import type { RunSettings, Scenario } from "../../../src/config/types.ts";
import { avroSchemaOf, bindAvro } from "../../../src/formats/avro.ts";
import { deriveShapes } from "../../../src/formats/derive.ts";
import { checkJsonSchema, jsonSchemaOf } from "../../../src/formats/json-schema.ts";
import { bindProto } from "../../../src/formats/protobuf.ts";
import { protoTextOf } from "../../../src/formats/proto-text.ts";
import type { Shape } from "../../../src/formats/shape.ts";
import { declaredModel } from "../../../src/sim/declared/factory.ts";
import { validateFleet } from "../../../src/sim/declared/validate.ts";

const FIELDS = `
      id: {gen: id, format: "p-{number}"}
      temps: {map: {gen: normal, mean: 20, sd: 2, decimals: 1}, keys: [cpu, gpu], size: [0, 2]}
      ports:
        map: {up: {gen: bool}, errors: {gen: poisson, mean: 2}}
        keys: {gen: regex, pattern: "eth[0-9]"}
        size: [1, 3]
      gaps: {map: {gen: counter, nullable: 0.3}, keys: [a, b]}`;
const SCENARIO = `name: maps
devices: 20
sampleInterval: 1s
topics: {data: maps-data}
fleet:
  probe:
    fields:${FIELDS}
    topics: {data: {}}
`;

function shape(): Shape {
  const raw = parse(SCENARIO) as { fleet: unknown };
  const { fleet, errors } = validateFleet(raw.fleet, { roles: ["data"] });
  assert.deepEqual(errors, []);
  const { shapes, problems } = deriveShapes(fleet!, ["data"], () => []);
  assert.deepEqual(problems, []);
  return shapes.get("data")!;
}

test("derived schemas: Avro map, Protobuf map<string, V>, JSON Schema with propertyNames", () => {
  const s = shape();
  const avro = avroSchemaOf(s, "Data", "t") as { fields: { name: string; type: unknown }[] };
  const type = (name: string): unknown => avro.fields.find((f) => f.name === name)?.type;
  assert.deepEqual(type("temps"), { type: "map", values: "double" });
  assert.deepEqual(type("gaps"), { type: "map", values: ["null", "long"] });
  assert.equal((type("ports") as { values: { type: string } }).values.type, "record");
  const proto = protoTextOf(s, "Data", "t");
  assert.match(proto, /map<string, double> temps = 2;/);
  assert.match(proto, /map<string, PortsValue> ports = 3;/);
  const json = jsonSchemaOf(s, "t.Data") as { properties: Record<string, Record<string, unknown>> };
  assert.deepEqual(json.properties["temps"], {
    type: "object",
    propertyNames: { enum: ["cpu", "gpu"] },
    additionalProperties: { type: "number" },
  });
  assert.deepEqual(json.properties["ports"]?.["propertyNames"], { pattern: "eth[0-9]" });
  assert.deepEqual(json.properties["gaps"]?.["additionalProperties"], {
    anyOf: [{ type: "integer" }, { type: "null" }],
  });
});

test("Protobuf names map values it cannot hold (null); the derived Avro binds", () => {
  const s = shape();
  const proto = bindProto(protoTextOf(s, "Data", "t"), undefined, s, "derived schema");
  assert.ok("problems" in proto);
  assert.deepEqual(proto.problems, ["gaps.*: the fleet writes null as map values, which a Protobuf map cannot hold"]);
  assert.ok(!("problems" in bindAvro(avroSchemaOf(s, "Data", "t"), s, "derived schema")));
});

test("given schemas with maps: fits pass, misfits are named by path", () => {
  const s = shape();
  const avsc = (gaps: unknown) => ({
    type: "record",
    name: "Data",
    fields: [
      { name: "id", type: "string" },
      { name: "temps", type: { type: "map", values: "double" } },
      {
        name: "ports",
        type: {
          type: "map",
          values: {
            type: "record",
            name: "Port",
            fields: [
              { name: "up", type: "boolean" },
              { name: "errors", type: "long" },
            ],
          },
        },
      },
      { name: "gaps", type: gaps },
    ],
  });
  assert.ok(!("problems" in bindAvro(avsc({ type: "map", values: ["null", "long"] }), s, "d.avsc")));
  const bad = bindAvro(avsc({ type: "map", values: "long" }), s, "d.avsc");
  assert.ok(
    "problems" in bad && bad.problems.some((p) => p.includes("gaps.*: the fleet may write null")),
    JSON.stringify(bad),
  );

  const schema = (temps: object) => ({
    type: "object",
    properties: {
      id: { type: "string" },
      temps,
      ports: { type: "object", additionalProperties: { type: "object" } },
      gaps: { type: "object", additionalProperties: { type: ["integer", "null"] } },
    },
  });
  assert.deepEqual(checkJsonSchema(schema({ type: "object", additionalProperties: { type: "number" } }), s), []);
  assert.deepEqual(
    checkJsonSchema(
      schema({ type: "object", propertyNames: { enum: ["cpu"] }, additionalProperties: { type: "number" } }),
      s,
    ),
    ["temps.gpu: a key the fleet writes, not allowed by the schema's propertyNames"],
  );
  assert.deepEqual(checkJsonSchema(schema({ type: "object", additionalProperties: { type: "string" } }), s), [
    "temps.cpu: the schema has type string, the fleet writes a double",
    "temps.gpu: the schema has type string, the fleet writes a double",
  ]);
});

test("every sampled record is valid against the derived JSON Schema (ajv)", () => {
  const { scenario: parsed, errors } = parseScenarioYaml(SCENARIO, "maps");
  assert.ok(parsed, errors.join("\n"));
  const scenario = {
    ...parsed,
    name: "maps",
    description: "",
    devices: 20,
    params: {},
    maxRatePerDevice: 0,
  } as Scenario;
  const model = declaredModel(scenario, 3, 1);
  assert.ok("model" in model);
  const { records } = sampleRecords({ scenario, seed: 3 } as RunSettings, model.model, {
    count: 1000,
    topicIndex: 0,
    startMs: 1.8e12,
    maxVisits: 10_000,
  });
  assert.equal(records.length, 1000);
  const validate = new Ajv({ strict: false }).compile(jsonSchemaOf(shape(), "t.Data"));
  const values = records.map((r) => JSON.parse(r.value) as { ports: object; gaps: Record<string, unknown> });
  const invalid = values.filter((v) => !validate(v));
  assert.equal(invalid.length, 0, `${JSON.stringify(invalid[0])}`);
  assert.ok(
    values.some((v) => Object.values(v.gaps).includes(null)),
    "null map values are drawn",
  );
});
