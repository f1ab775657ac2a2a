import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { deriveShapes } from "../../../src/formats/derive.ts";
import { validateFleet } from "../../../src/sim/declared/validate.ts";

const FLEET = parse(`
a:
  fields:
    id: {gen: id, format: "a-{number}"}
    at: {gen: timestamp, format: iso, precision: 6}
    ms: {gen: timestamp, format: epoch-ms}
    n: {gen: counter}
    x: {gen: normal, mean: 1, sd: 1}
    whole: {gen: normal, mean: 1, sd: 1, decimals: 0}
    state: {gen: pick, values: [on, off]}
    word: {gen: pick, values: [on, "no way"]}
    level: {gen: expr, expr: "x > 1 ? 'high' : 'low'"}
    maybe: {gen: normal, mean: 1, sd: 1, omit: 0.5}
    gone: {gen: pick, values: [p, q], nullable: 0.2}
    list: {array: {v: {gen: uniform, min: 0, max: 1}}, length: 2}
  topics: {data: {}}
b:
  fields:
    id: {gen: id, format: "b-{number}"}
    x: {gen: counter}
    state: {gen: pick, values: [idle]}
    extra: {gen: bool}
  topics: {data: {}}
`);

test("the declared tree → one shape per topic, merged over kinds", () => {
  const { fleet, errors } = validateFleet(FLEET, { roles: ["data"] });
  assert.deepEqual(errors, []);
  const { shapes, problems } = deriveShapes(fleet!, ["data"], () => []);
  assert.deepEqual(problems, []);
  const data = shapes.get("data");
  assert.ok(data?.t === "record");
  const byName = Object.fromEntries(data.fields.map((f) => [f.name, f]));
  assert.deepEqual(byName["at"]?.shape, { t: "timestamp", unit: "micros", text: true });
  assert.deepEqual(byName["ms"]?.shape, { t: "timestamp", unit: "millis", text: false });
  assert.deepEqual(byName["n"]?.shape, { t: "long" });
  assert.deepEqual(byName["x"]?.shape, { t: "double" }, "a counter in one kind and decimals in another: double");
  assert.deepEqual(byName["whole"]?.shape, { t: "long" });
  assert.deepEqual(byName["state"]?.shape, { t: "enum", symbols: ["on", "off", "idle"] });
  assert.deepEqual(byName["word"]?.shape, { t: "string" }, "not every value is a valid enum symbol");
  assert.deepEqual(byName["level"]?.shape, { t: "enum", symbols: ["high", "low"] });
  assert.equal(byName["maybe"]?.optional, true);
  assert.equal(byName["gone"]?.nullable, true);
  assert.equal(byName["extra"]?.optional, true, "written by one kind only");
  assert.equal(byName["id"]?.optional, false);
  assert.deepEqual(byName["list"]?.shape, {
    t: "array",
    items: { t: "record", fields: [{ name: "v", shape: { t: "double" }, optional: false, nullable: false }] },
  });
});

test("a field that is text in one kind and a number in another is named", () => {
  const { fleet } = validateFleet(
    parse(`
a: {fields: {v: {gen: id, format: "x{number}"}}, topics: {data: {}}}
b: {fields: {v: {gen: counter}}, topics: {data: {}}}
`),
    { roles: ["data"] },
  );
  const { problems } = deriveShapes(fleet!, ["data"], () => []);
  assert.deepEqual(problems, [
    "topic data: v: is a string in some records and a whole number in others; one topic needs one type per field",
  ]);
});
