/** surge sample: kinds interleaved, topic filter, the printed form. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatRecord, visitOrder } from "../../../src/authoring/sample-events.ts";
import { eventsOf } from "./infer-helpers.ts";

test("visits show every kind early: first device of each kind, then the second of each", () => {
  const kindOf = (d: number): number => (d < 8 ? 0 : 1);
  const order = visitOrder(10, kindOf);
  assert.deepEqual(
    Array.from({ length: 6 }, (_, i) => order(i).device),
    [0, 8, 1, 9, 2, 8],
  );
  assert.equal(order(5).round, 1, "kind 1 has two devices: its third visit is its second round");
  const plain = visitOrder(3, undefined);
  assert.deepEqual(
    Array.from({ length: 4 }, (_, i) => [plain(i).device, plain(i).round]),
    [
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 1],
    ],
  );
});

test("a two-kind declared fleet shows both kinds in its first records", () => {
  const yaml = `name: two
devices: 10
topics: {data: d}
fleet:
  a: {share: 9, fields: {k: a, n: {gen: counter}}, topics: {data: {}}}
  b: {share: 1, fields: {k: b}, topics: {data: {}}}
`;
  const events = eventsOf(yaml, 4);
  assert.deepEqual(
    events.map((e) => e["k"]),
    ["a", "b", "a", "b"],
  );
});

test("a record prints topic, key, headers and the value as pretty JSON", () => {
  const text = formatRecord({
    topic: "t",
    key: "k",
    headers: { "surge-seq": "0" },
    value: '{"a":[1,2],"b":"\\u00e9"}',
    device: 0,
  });
  assert.equal(
    text,
    'topic:   t\nkey:     k\nheaders: {"surge-seq":"0"}\n{\n  "a": [\n    1,\n    2\n  ],\n  "b": "é"\n}',
  );
  assert.match(formatRecord({ topic: "t", key: "k", headers: {}, value: "not json", device: 0 }), /\nnot json$/);
});
