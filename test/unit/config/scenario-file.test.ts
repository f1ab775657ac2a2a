import { test } from "node:test";
import assert from "node:assert/strict";
import { listScenarios } from "../../../src/config/list-scenarios.ts";
import { parseScenarioYaml } from "../../../src/config/scenario-file.ts";

const FULL = `
name: plant
description: One line
model: industrial
devices: 1000
sampleInterval: 5s
sampleStart: 2001-01-22T00:00:00Z
maxRatePerDevice: 2
rate: 200
duration: 3m
topics:
  data: device-data
  alerts: alerts
producer:
  acks: all
  compression: zstd
  batchSize: 64k
  lingerMs: 10
  partitioner: fnv1a
  maxInFlight: 3
  retries: 2
params:
  anomalyRate: 0.01
  nested: { a: [1, 2] }
`;

test("a full scenario file is read into typed values", () => {
  const { scenario, errors } = parseScenarioYaml(FULL, "plant.yaml");
  assert.deepEqual(errors, []);
  assert.deepEqual(scenario, {
    name: "plant",
    description: "One line",
    model: "industrial",
    devices: 1000,
    sampleIntervalMs: 5000,
    sampleStartMs: Date.UTC(2001, 0, 22),
    maxRatePerDevice: 2,
    rate: 200,
    durationMs: 180_000,
    topics: [
      { role: "data", name: "device-data" },
      { role: "alerts", name: "alerts" },
    ],
    producer: {
      acks: -1,
      compression: "zstd",
      batchSize: 65536,
      lingerMs: 10,
      partitioner: "fnv1a",
      maxInFlight: 3,
      retries: 2,
    },
    params: { anomalyRate: 0.01, nested: { a: [1, 2] } },
  });
});

test("topic order is kept, optional keys may be left out, rate may be max", () => {
  const { scenario, errors } = parseScenarioYaml("model: m\nrate: max\ntopics:\n  z: zeta\n  a: alpha\n", "s.yaml");
  assert.deepEqual(errors, []);
  assert.deepEqual(
    scenario?.topics.map((t) => t.role),
    ["z", "a"],
  );
  assert.equal(scenario?.rate, "max");
  assert.equal(scenario?.devices, undefined);
  assert.deepEqual(scenario?.producer, {});
  assert.deepEqual(scenario?.params, {});
});

test("acks accepts 0, 1, all and -1", () => {
  for (const [text, acks] of [
    ["0", 0],
    ["1", 1],
    ["all", -1],
    ["-1", -1],
  ] as const) {
    const { scenario } = parseScenarioYaml(`model: m\ntopics: {data: d}\nproducer: {acks: ${text}}\n`, "s.yaml");
    assert.equal(scenario?.producer.acks, acks, text);
  }
});

test("every bad field is reported at once, one line each, with its path", () => {
  const text = `
model: industrial
devcies: 5
devices: -5
sampleInterval: soon
sampleStart: yesterday
rate: -1
topics:
  data: "bad topic!"
  alerts: ${"x".repeat(250)}
  dot: ".."
producer:
  acks: 2
  compression: brotli
  lingerMS: 3
  partitioner: random
params: [1, 2]
`;
  const { scenario, errors } = parseScenarioYaml(text, "bad.yaml");
  assert.equal(scenario, undefined);
  assert.deepEqual(errors, [
    'unknown key "devcies" (did you mean "devices"?)',
    "devices: must be a whole number from 1 to 10000000, got -5",
    'sampleInterval: must be a duration like 500ms, 30s, 5m or 1h30m (a plain number means seconds), got "soon"',
    'rate: must be a positive number or "max", got -1',
    'topics.data: must be a topic name (letters, digits, . _ -, at most 249 characters), got "bad topic!"',
    `topics.alerts: must be a topic name (letters, digits, . _ -, at most 249 characters), got "${"x".repeat(40)}..."`,
    'topics.dot: must be a topic name other than "." or "..", got ".."',
    'producer: unknown key "lingerMS" (did you mean "lingerMs"?)',
    "producer.acks: must be 0, 1 or all, got 2",
    'producer.compression: must be none, gzip, snappy, lz4 or zstd, got "brotli"',
    'producer.partitioner: must be murmur2, fnv1a or round-robin, got "random"',
    "params: must be a map of model settings, got a list",
    'sampleStart: must be a date and time like 2001-01-22T00:00:00Z, got "yesterday"',
  ]);
  for (const line of errors) assert.doesNotMatch(line, /\n/);
});

test("missing model and topics are reported", () => {
  const { errors } = parseScenarioYaml("devices: 10\n", "s.yaml");
  assert.deepEqual(errors, [
    "model: required (the event model that builds this scenario's events), or a fleet: block (docs/fleet-format.md)",
    "topics: required (a map of role: topic name, e.g. data: device-data)",
  ]);
});

test("a fleet: block stands for the model; both at once are refused", () => {
  const declared = parseScenarioYaml("topics: {data: d}\nfleet: {k: {fields: {a: 1}, topics: {data: {}}}}\n", "s.yaml");
  assert.deepEqual(declared.errors, []);
  assert.equal(declared.scenario?.model, "declared");
  assert.deepEqual(declared.scenario?.fleet, { k: { fields: { a: 1 }, topics: { data: {} } } });
  const both = parseScenarioYaml(
    "model: lab\ntopics: {data: d}\nfleet: {k: {fields: {a: 1}, topics: {data: {}}}}\n",
    "s.yaml",
  );
  assert.deepEqual(both.errors, ["model: a scenario has either a model or a fleet, not both"]);
});

test("a key with no close match lists the keys", () => {
  const { errors } = parseScenarioYaml("model: m\ntopics: {d: d}\nzzzzzz: 1\n", "s.yaml");
  assert.equal(errors.length, 1);
  assert.match(errors[0] ?? "", /^unknown key "zzzzzz" \(expected one of: name, description, model, /);
});

test("malformed YAML is one line with file:line:col, no code frame", () => {
  const { scenario, errors } = parseScenarioYaml(
    "model: m\ntopics:\n  data: [device-data\ndevices: 5\n",
    "configs/broken.yaml",
  );
  assert.equal(scenario, undefined);
  assert.equal(errors.length, 1);
  assert.match(errors[0] ?? "", /^configs\/broken\.yaml:\d+:\d+: invalid YAML: [^\n]+$/);
});

test("duplicate keys are a YAML error with their position", () => {
  const { errors } = parseScenarioYaml("model: m\ntopics: {d: d}\nmodel: n\n", "dup.yaml");
  assert.deepEqual(errors, ['dup.yaml:3:1: invalid YAML: Map keys must be unique ("model" appears twice)']);
});

test("a file that is not a map says what it got", () => {
  assert.deepEqual(parseScenarioYaml("", "e.yaml").errors, [
    "e.yaml: must be a YAML map with model, devices, topics, ..., got an empty file",
  ]);
  assert.deepEqual(parseScenarioYaml("- a\n", "l.yaml").errors, [
    "l.yaml: must be a YAML map with model, devices, topics, ..., got a list",
  ]);
});

test("listScenarios summarises the built-ins and reports broken ones", () => {
  const { scenarios, errors } = listScenarios({
    a: "model: m\ndescription: Alpha\ndevices: 10\nsampleInterval: 5s\ntopics: {data: d1, alerts: d2}\n",
    b: "model: m\nrate: max\ntopics: {data: d}\n",
    c: "model: m\n",
  });
  assert.deepEqual(scenarios, [
    { name: "a", description: "Alpha", model: "m", devices: 10, rate: "each device every 5s", topics: ["d1", "d2"] },
    { name: "b", description: "", model: "m", devices: undefined, rate: "max", topics: ["d"] },
  ]);
  assert.deepEqual(errors, ["built-in/c.yaml: topics: required (a map of role: topic name, e.g. data: device-data)"]);
});
