import assert from "node:assert/strict";
import { test } from "node:test";
import { checkScenarioText } from "../../../src/authoring/check-scenario.ts";
import { scenarioFromSchema } from "../../../src/authoring/from-schema.ts";
import { scenarioYaml } from "../../../src/authoring/yaml-writer.ts";
import { avscToJsonSchema, protoToJsonSchema } from "../../../src/formats/to-json-schema.ts";

const AVSC = JSON.stringify({
  type: "record",
  name: "Reading",
  namespace: "iot",
  fields: [
    { name: "device_id", type: "string" },
    { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
    { name: "state", type: { type: "enum", name: "State", symbols: ["ok", "alarm"] } },
    { name: "temp", type: ["null", "double"], default: null },
    { name: "where", type: { type: "record", name: "Where", fields: [{ name: "floor", type: "int" }] } },
    { name: "parts", type: { type: "array", items: "Where" } },
  ],
});
const PROTO = `syntax = "proto3";
package iot;
import "google/protobuf/timestamp.proto";
message Reading {
  string device_id = 1;
  google.protobuf.Timestamp at = 2;
  enum State { STATE_UNSPECIFIED = 0; STATE_OK = 1; STATE_ALARM = 2; }
  State state = 3;
  optional double temp = 4;
  repeated Part parts = 5;
  message Part { int64 n = 1; }
}
message Other { string x = 1; }
`;

test("an .avsc becomes the JSON Schema of the same records, and init builds a fleet from it", () => {
  const schema = avscToJsonSchema(AVSC, "r.avsc");
  assert.ok(!("problem" in schema));
  const props = schema["properties"] as Record<string, Record<string, unknown>>;
  assert.deepEqual(props["at"], { type: "string", format: "date-time" });
  assert.deepEqual(props["state"], { type: "string", enum: ["ok", "alarm"] });
  assert.deepEqual(props["temp"], { type: "number" });
  assert.deepEqual(schema["required"], ["device_id", "at", "state", "where", "parts"]);
  assert.equal((props["parts"]?.["items"] as Record<string, unknown>)["type"], "object", "a named type used again");
  const built = scenarioFromSchema({ path: "r.avsc", text: JSON.stringify(schema) }, "r", new Date(0));
  assert.ok("scenario" in built);
  assert.deepEqual(checkScenarioText(scenarioYaml(built.scenario), "r.yaml").problems, []);
});

test("a .proto's first message (or none named) becomes a JSON Schema; enums without UNSPECIFIED", () => {
  const schema = protoToJsonSchema(PROTO, undefined, "r.proto");
  assert.ok(!("problem" in schema));
  const props = schema["properties"] as Record<string, Record<string, unknown>>;
  assert.deepEqual(props["state"], { type: "string", enum: ["STATE_OK", "STATE_ALARM"] });
  assert.deepEqual(props["at"], { type: "string", format: "date-time" });
  assert.equal(props["parts"]?.["type"], "array");
  assert.deepEqual(schema["required"], ["device_id", "at", "state", "parts"]);
  const other = protoToJsonSchema(PROTO, "iot.Other", "r.proto");
  assert.ok(!("problem" in other) && "x" in (other["properties"] as object));
  const built = scenarioFromSchema({ path: "r.proto", text: JSON.stringify(schema) }, "r", new Date(0));
  assert.ok("scenario" in built);
  assert.deepEqual(checkScenarioText(scenarioYaml(built.scenario), "r.yaml").problems, []);
});

test("maps in an .avsc, a .proto or a JSON Schema become map nodes that check clean", () => {
  const avsc = JSON.stringify({
    type: "record",
    name: "R",
    fields: [
      { name: "temps", type: { type: "map", values: "double" } },
      {
        name: "parts",
        type: { type: "map", values: { type: "record", name: "P", fields: [{ name: "n", type: "long" }] } },
      },
    ],
  });
  const proto = `syntax = "proto3";\nmessage R { map<string, double> temps = 1; map<string, P> parts = 2; message P { int64 n = 1; } }\n`;
  const json = {
    type: "object",
    required: ["temps", "parts"],
    properties: {
      temps: { type: "object", propertyNames: { enum: ["cpu", "gpu"] }, additionalProperties: { type: "number" } },
      parts: {
        type: "object",
        patternProperties: { "^P[0-9]$": { type: "object", properties: { n: { type: "integer" } } } },
      },
    },
  };
  for (const [path, schema] of [
    ["r.avsc", avscToJsonSchema(avsc, "r.avsc")],
    ["r.proto", protoToJsonSchema(proto, undefined, "r.proto")],
    ["r.schema.json", json],
  ] as const) {
    assert.ok(!("problem" in schema), path);
    const built = scenarioFromSchema({ path, text: JSON.stringify(schema) }, "r", new Date(0));
    assert.ok("scenario" in built, path);
    const yaml = scenarioYaml(built.scenario);
    assert.deepEqual(checkScenarioText(yaml, "r.yaml").problems, [], yaml);
    assert.match(yaml, /temps: \{ ?map: \{gen: /, `${path}: ${yaml}`);
    assert.match(yaml, /parts:\n +map:\n +n: /, `${path}: ${yaml}`);
    if (path === "r.schema.json") {
      assert.match(yaml, /keys: \[ ?cpu, gpu ?\]/);
      assert.match(yaml, /keys: \{ ?gen: regex, pattern: "\^P\[0-9\]\$" ?\}/);
    }
  }
});
