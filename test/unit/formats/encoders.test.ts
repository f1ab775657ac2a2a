import assert from "node:assert/strict";
import { test } from "node:test";
import { avroSchemaOf, bindAvro } from "../../../src/formats/avro.ts";
import { avroEncoder, jsonSchemaEncoder, protobufEncoder } from "../../../src/formats/encoder.ts";
import { jsonSchemaOf, checkJsonSchema } from "../../../src/formats/json-schema.ts";
import { bindProto } from "../../../src/formats/protobuf.ts";
import { protoTextOf } from "../../../src/formats/proto-text.ts";
import type { Shape } from "../../../src/formats/shape.ts";
import { Random } from "../../../src/sim/random.ts";

const SHAPE: Shape = {
  t: "record",
  fields: [
    { name: "id", shape: { t: "string" }, optional: false, nullable: false },
    { name: "n", shape: { t: "long" }, optional: false, nullable: false },
    { name: "ok", shape: { t: "boolean" }, optional: false, nullable: false },
    { name: "st", shape: { t: "enum", symbols: ["a", "b"] }, optional: false, nullable: false },
    { name: "t", shape: { t: "timestamp", unit: "millis", text: true }, optional: false, nullable: false },
  ],
};
const JSON_TEXT = '{"id":"ab","n":3,"ok":true,"st":"b","t":"1970-01-01T00:00:01.000Z"}';

function avro() {
  const schema = avroSchemaOf(SHAPE, "Data", "surge.t");
  const b = bindAvro(schema, SHAPE, "derived");
  if ("problems" in b) throw new Error(b.problems.join("; "));
  return avroEncoder({ format: "avro", text: JSON.stringify(schema), fullName: b.fullName }, b);
}

function proto() {
  const text = protoTextOf(SHAPE, "Data", "surge.t");
  const b = bindProto(text, undefined, SHAPE, "derived");
  if ("problems" in b) throw new Error(b.problems.join("; "));
  return protobufEncoder({ format: "protobuf", text, fullName: b.fullName, indexes: b.indexes }, b);
}

test("Avro: plain binary, then framed with magic byte and schema id", () => {
  const e = avro();
  const body = [4, 0x61, 0x62, 6, 1, 2, 0xd0, 0x0f]; // "ab", 3, true, enum #1, 1000 ms (zigzag)
  assert.deepEqual([...e.encode(JSON_TEXT)], body);
  e.useRegistry(7, "t-value");
  assert.deepEqual([...e.encode(JSON_TEXT)], [0, 0, 0, 0, 7, ...body]);
  assert.deepEqual({ ...(e.decode(e.encode(JSON_TEXT)) as object) }, { id: "ab", n: 3, ok: true, st: "b", t: 1000 });
  assert.equal(e.schema.fullName, "surge.t.Data");
});

test("Protobuf: fields, enum numbers from 1, Timestamp, and the [0] index byte", () => {
  const e = proto();
  const body = [0x0a, 2, 0x61, 0x62, 0x10, 3, 0x18, 1, 0x20, 2, 0x2a, 2, 0x08, 1];
  assert.deepEqual([...e.encode(JSON_TEXT)], body);
  e.useRegistry(7, "t-value");
  assert.deepEqual([...e.encode(JSON_TEXT)], [0, 0, 0, 0, 7, 0, ...body]);
  assert.deepEqual(e.decode(e.encode(JSON_TEXT)), { id: "ab", n: 3, ok: true, st: "ST_B", t: { seconds: 1 } });
});

test("Protobuf: a message other than the first carries its index path", () => {
  const text =
    'syntax = "proto3";\npackage p;\nmessage Other { string x = 1; }\nmessage Data { string id = 1; int64 n = 2; bool ok = 3; Data2 nested = 4; message Data2 {} enum St { ST_UNSPECIFIED = 0; A = 1; B = 2; } St st = 5; int64 t = 6; }';
  const b = bindProto(text, "p.Data", SHAPE, "given.proto");
  if ("problems" in b) throw new Error(b.problems.join("; "));
  assert.deepEqual(b.indexes, [1]);
  const e = protobufEncoder({ format: "protobuf", text, fullName: b.fullName, indexes: b.indexes }, b);
  e.useRegistry(1, "s");
  assert.deepEqual([...e.encode(JSON_TEXT).subarray(0, 7)], [0, 0, 0, 0, 1, 2, 2]);
});

test("JSON Schema: the JSON text behind the header", () => {
  const e = jsonSchemaEncoder({ format: "json-schema", text: JSON.stringify(jsonSchemaOf(SHAPE, "t")), fullName: "t" });
  e.useRegistry(258, "t-value");
  const bytes = e.encode(JSON_TEXT);
  assert.deepEqual([...bytes.subarray(0, 5)], [0, 0, 0, 1, 2]);
  assert.equal(bytes.subarray(5).toString("latin1"), JSON_TEXT);
});

test("a given schema that does not fit the tree: every mismatch by path", () => {
  const given = {
    type: "record",
    name: "D",
    fields: [
      { name: "id", type: "long" },
      { name: "n", type: "long" },
      { name: "ok", type: "boolean" },
      { name: "st", type: { type: "enum", name: "E", symbols: ["a"] } },
      { name: "extra", type: "string" },
    ],
  };
  const b = bindAvro(given, SHAPE, "d.avsc");
  assert.ok("problems" in b);
  assert.deepEqual(b.problems, [
    "id: the schema has long, the fleet writes a string",
    'st: the fleet writes "b", not a symbol of the schema\'s enum',
    "extra: required by the schema, the fleet does not write it",
    "t: written by the fleet, not in the schema",
  ]);
  const js = checkJsonSchema(
    {
      type: "object",
      properties: { id: { type: "integer" }, st: { enum: ["a"] } },
      required: ["id", "zzz"],
      additionalProperties: false,
    },
    SHAPE,
  );
  assert.deepEqual(js, [
    "zzz: required by the schema, the fleet does not write it",
    "id: the schema has type integer, the fleet writes a string",
    "n: written by the fleet, not allowed by the schema",
    "ok: written by the fleet, not allowed by the schema",
    'st: the fleet writes "b", not in the schema\'s enum',
    "t: written by the fleet, not allowed by the schema",
  ]);
});

test("malformed: a cut Avro record, an unknown schema id or a wrong magic byte", () => {
  const e = avro();
  e.useRegistry(7, "t-value");
  const good = e.encode(JSON_TEXT);
  const random = new Random(1);
  const seen = new Set<string>();
  for (let i = 0; i < 30; i++) {
    const bad = e.corrupt(JSON_TEXT, good, random) as Buffer;
    if (bad[0] !== 0) seen.add("magic");
    else if (bad.readUInt32BE(1) !== 7) seen.add("id");
    else {
      assert.ok(bad.length < good.length);
      assert.throws(() => e.decode(bad));
      seen.add("cut");
    }
  }
  assert.deepEqual([...seen].sort(), ["cut", "id", "magic"]);
  const p = proto();
  const pb = p.corrupt(JSON_TEXT, p.encode(JSON_TEXT), new Random(3)) as Buffer;
  assert.throws(() => p.decode(pb));
});
