import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveSettings, type ResolveInput } from "../../../src/config/resolve.ts";
import type { RunSettings } from "../../../src/config/types.ts";

const PLANT = `
name: plant
description: A plant
model: industrial
devices: 1000
sampleInterval: 5s
rate: 300
duration: 3m
topics:
  data: device-data
  alerts: alerts
producer:
  acks: 0
  compression: gzip
  lingerMs: 20
params: { anomalyRate: 0.05 }
`;
const LAB = "model: lab\ndevices: 50\nsampleInterval: 500ms\ntopics: {data: sensor-data}\n";
const BUILTINS = { industrial: PLANT, lab: LAB };

function noFile(): never {
  throw Object.assign(new Error("ENOENT: no such file or directory"), { code: "ENOENT" });
}

function input(over: Partial<ResolveInput> = {}): ResolveInput {
  return { flags: {}, env: {}, builtins: BUILTINS, readFile: noFile, isTTY: true, randomSeed: () => 1234, ...over };
}

function settings(over: Partial<ResolveInput> = {}): RunSettings {
  const result = resolveSettings(input(over));
  if ("errors" in result) assert.fail(`unexpected errors:\n${result.errors.join("\n")}`);
  return result.settings;
}

function errors(over: Partial<ResolveInput> = {}): string[] {
  const result = resolveSettings(input(over));
  if (!("errors" in result)) assert.fail("expected errors");
  return result.errors;
}

test("defaults fill everything the scenario leaves out", () => {
  const s = settings({ flags: { scenario: "lab" } });
  assert.deepEqual(s.scenario, {
    name: "lab",
    description: "",
    model: "lab",
    devices: 50,
    sampleIntervalMs: 500,
    maxRatePerDevice: 0,
    topics: [{ role: "data", name: "sensor-data" }],
    params: {},
  });
  assert.deepEqual(s.brokers, ["localhost:9092"]);
  assert.equal(s.rate, 100); // 50 devices every 500 ms
  assert.equal(s.durationMs, 0);
  assert.equal(s.count, 0);
  assert.equal(s.seed, 1234);
  assert.equal(s.partitions, 3);
  assert.equal(s.topicPrefix, "");
  assert.deepEqual(s.producer, {
    acks: 1,
    compression: "none",
    batchSize: 65536,
    lingerMs: 5,
    maxInFlight: 5,
    retries: 2_147_483_647,
    partitioner: "murmur2",
    clientId: "surge",
    deliveryTimeoutMs: 120_000,
    requestTimeoutMs: 30_000,
    idempotent: false,
  });
  assert.deepEqual(s.security, {});
  assert.equal(s.tui, true);
  assert.equal(s.intervalMs, 1000);
  assert.equal(s.summaryJson, undefined);
  assert.equal(s.dryRun, false);
});

test("without --scenario the default built-in is used; params pass through untouched", () => {
  const s = settings();
  assert.equal(s.scenario.name, "plant");
  assert.deepEqual(s.scenario.params, { anomalyRate: 0.05 });
});

test("a random seed is chosen and kept in the settings when none is given", () => {
  const s = resolveSettings({ ...input(), randomSeed: undefined });
  assert.ok("settings" in s);
  if ("settings" in s)
    assert.ok(Number.isInteger(s.settings.seed) && s.settings.seed >= 0 && s.settings.seed < 2 ** 32);
});

test("precedence: scenario file beats defaults", () => {
  const s = settings();
  assert.equal(s.rate, 300);
  assert.equal(s.durationMs, 180_000);
  assert.equal(s.producer.acks, 0);
  assert.equal(s.producer.compression, "gzip");
  assert.equal(s.producer.lingerMs, 20);
  assert.equal(s.producer.batchSize, 65536); // not in the file: default
});

test("precedence: env beats the scenario file", () => {
  const s = settings({
    env: { SURGE_RATE: "50", SURGE_DURATION: "10s", SURGE_ACKS: "all", SURGE_LINGER_MS: "1", SURGE_DEVICES: "7" },
  });
  assert.equal(s.rate, 50);
  assert.equal(s.durationMs, 10_000);
  assert.equal(s.producer.acks, -1);
  assert.equal(s.producer.lingerMs, 1);
  assert.equal(s.scenario.devices, 7);
});

test("precedence: flags beat env", () => {
  const s = settings({
    flags: { rate: "max", duration: "1m", acks: "1", lingerMs: "2", devices: "9", brokers: "a:1" },
    env: {
      SURGE_RATE: "50",
      SURGE_DURATION: "10s",
      SURGE_ACKS: "all",
      SURGE_LINGER_MS: "1",
      SURGE_DEVICES: "7",
      SURGE_BROKERS: "b:2",
      KAFKA_BROKERS: "c:3",
    },
  });
  assert.equal(s.rate, "max");
  assert.equal(s.durationMs, 60_000);
  assert.equal(s.producer.acks, 1);
  assert.equal(s.producer.lingerMs, 2);
  assert.equal(s.scenario.devices, 9);
  assert.deepEqual(s.brokers, ["a:1"]);
});

test("brokers: SURGE_BROKERS over KAFKA_BROKERS over the default; lists are trimmed, port defaults to 9092", () => {
  assert.deepEqual(settings({ env: { KAFKA_BROKERS: "k1:9093, k2" } }).brokers, ["k1:9093", "k2:9092"]);
  assert.deepEqual(settings({ env: { KAFKA_BROKERS: "k1:9093", SURGE_BROKERS: "s1:1" } }).brokers, ["s1:1"]);
  assert.deepEqual(settings({ flags: { brokers: "[::1]:9092,10.0.0.1:29092" } }).brokers, [
    "[::1]:9092",
    "10.0.0.1:29092",
  ]);
  assert.deepEqual(errors({ flags: { brokers: "host:99999" } }), [
    '--brokers: must be a comma-separated list of host:port, e.g. localhost:9092,kafka-2:9092 ("host:99999" is not), got "host:99999"',
  ]);
});

test("empty env values count as unset", () => {
  assert.equal(settings({ env: { SURGE_RATE: "" } }).rate, 300);
});

test("the scenario's rate scales when the device count is overridden", () => {
  assert.equal(settings({ flags: { devices: "2000" } }).rate, 600);
  assert.equal(settings({ flags: { scenario: "lab", devices: "100" } }).rate, 200); // no rate in file: devices / interval
});

test("the topic prefix is applied to every topic", () => {
  const s = settings({ flags: { topicPrefix: "lt." } });
  assert.deepEqual(s.scenario.topics, [
    { role: "data", name: "lt.device-data" },
    { role: "alerts", name: "lt.alerts" },
  ]);
  assert.deepEqual(errors({ flags: { topicPrefix: "a b" } }), [
    '--topic-prefix: must use only letters, digits, . _ - (it becomes part of topic names), got "a b"',
  ]);
  assert.deepEqual(errors({ flags: { topicPrefix: "p".repeat(245) } }), [
    `--topic-prefix: makes topic "${"p".repeat(245)}device-data" longer than 249 characters`,
    `--topic-prefix: makes topic "${"p".repeat(245)}alerts" longer than 249 characters`,
  ]);
});

test("tui needs a terminal and no --no-tui", () => {
  assert.equal(settings({ isTTY: true }).tui, true);
  assert.equal(settings({ isTTY: false }).tui, false);
  assert.equal(settings({ isTTY: true, flags: { noTui: true } }).tui, false);
  assert.equal(settings({ isTTY: true, env: { SURGE_NO_TUI: "1" } }).tui, false);
});

test("other flags: count, seed, partitions, interval, summary, dry run, producer knobs", () => {
  const s = settings({
    flags: {
      count: "1000",
      seed: "42",
      partitions: "12",
      interval: "250ms",
      summaryJson: "out.json",
      dryRun: true,
      batchSize: "1m",
      maxInFlight: "1",
      retries: "0",
      partitioner: "round-robin",
      compression: "LZ4",
      clientId: "bench-1",
      deliveryTimeout: "10s",
      requestTimeout: "2s",
    },
  });
  assert.equal(s.count, 1000);
  assert.equal(s.seed, 42);
  assert.equal(s.partitions, 12);
  assert.equal(s.intervalMs, 250);
  assert.equal(s.summaryJson, "out.json");
  assert.equal(s.dryRun, true);
  assert.deepEqual(s.producer, {
    acks: 0,
    compression: "lz4",
    batchSize: 1048576,
    lingerMs: 20,
    maxInFlight: 1,
    retries: 0,
    partitioner: "round-robin",
    clientId: "bench-1",
    deliveryTimeoutMs: 10_000,
    requestTimeoutMs: 2000,
    idempotent: false,
  });
});

test("--idempotent implies acks all and refuses another --acks", () => {
  assert.equal(settings({ flags: { idempotent: true } }).producer.acks, -1);
  assert.equal(settings({ flags: { idempotent: true } }).producer.idempotent, true);
  assert.equal(settings({ flags: { idempotent: true, acks: "all" } }).producer.acks, -1);
  assert.deepEqual(errors({ flags: { idempotent: true, acks: "1" } }), [
    "flags: --idempotent needs --acks all (it implies it): drop --acks or set it to all",
  ]);
  assert.deepEqual(errors({ flags: { deliveryTimeout: "10ms" } }).length, 1);
});

test("flag errors name the flag; env errors name the variable; all are returned at once", () => {
  assert.deepEqual(errors({ flags: { rate: "-5" } }), ['--rate: must be a positive number or "max", got -5']);
  assert.deepEqual(errors({ flags: { rate: "0" } }), ['--rate: must be a positive number or "max", got 0']);
  assert.deepEqual(errors({ env: { SURGE_RATE: "fast" } }), [
    'SURGE_RATE: must be a positive number or "max", got "fast"',
  ]);
  assert.deepEqual(
    errors({
      flags: {
        devices: "0",
        duration: "forever",
        acks: "2",
        compression: "brotli",
        seed: "-1",
        interval: "10ms",
        count: "1.5",
      },
      env: { SURGE_LINGER_MS: "soon", SURGE_DRY_RUN: "maybe" },
    }),
    [
      "--devices: must be a whole number from 1 to 10000000, got 0",
      '--duration: must be a duration like 500ms, 30s, 5m or 1h30m (a plain number means seconds), got "forever"',
      "--count: must be a whole number from 0 to 9007199254740991, got 1.5",
      "--seed: must be a whole number from 0 to 4294967295, got -1",
      "--acks: must be 0, 1 or all, got 2",
      '--compression: must be none, gzip, snappy, lz4 or zstd, got "brotli"',
      'SURGE_LINGER_MS: must be a whole number from 0 to 600000, got "soon"',
      '--interval: must be at least 100ms, got "10ms"',
      'SURGE_DRY_RUN: must be true or false (or 1/0, yes/no, on/off), got "maybe"',
    ],
  );
});

test("a flag given with no value is reported", () => {
  assert.deepEqual(errors({ flags: { rate: "" } }), ["--rate: needs a value"]);
});

test("unknown scenario lists the built-ins", () => {
  assert.deepEqual(errors({ flags: { scenario: "retial" } }), [
    '--scenario: unknown scenario "retial" (built-in scenarios: industrial, lab; or give a path to a YAML file)',
  ]);
  assert.deepEqual(errors({ env: { SURGE_SCENARIO: "nope" } }), [
    'SURGE_SCENARIO: unknown scenario "nope" (built-in scenarios: industrial, lab; or give a path to a YAML file)',
  ]);
});

test("a scenario path is read relative to cwd; unreadable files say so", () => {
  const read: string[] = [];
  const s = settings({
    flags: { scenario: "fleets/mine.yaml" },
    cwd: "/home/me",
    readFile: (path) => {
      read.push(path);
      return "model: lab\ndevices: 3\ntopics: {data: mine}\n";
    },
  });
  assert.deepEqual(read, ["/home/me/fleets/mine.yaml"]);
  assert.equal(s.scenario.name, "mine"); // the file has no name: its base name
  assert.equal(s.scenario.devices, 3);
  assert.deepEqual(errors({ flags: { scenario: "./missing.yaml" } }), [
    '--scenario: cannot read "./missing.yaml": no such file',
  ]);
  const denied = () => {
    throw Object.assign(new Error("EACCES"), { code: "EACCES" });
  };
  assert.deepEqual(errors({ flags: { scenario: "/etc/x.yaml" }, readFile: denied }), [
    '--scenario: cannot read "/etc/x.yaml": permission denied',
  ]);
});

test("errors in a scenario file are prefixed with the file and come with flag errors", () => {
  const result = errors({
    flags: { scenario: "bad.yaml", rate: "-1" },
    readFile: () => "model: m\ndevices: -5\ntopics: {data: 'no good'}\nproducer: {acks: 2}\n",
  });
  assert.deepEqual(result, [
    "bad.yaml: devices: must be a whole number from 1 to 10000000, got -5",
    'bad.yaml: topics.data: must be a topic name (letters, digits, . _ -, at most 249 characters), got "no good"',
    "bad.yaml: producer.acks: must be 0, 1 or all, got 2",
    '--rate: must be a positive number or "max", got -1',
  ]);
  assert.deepEqual(errors({ flags: { scenario: "b.yaml" }, readFile: () => "model: [\n" }).length, 1);
  assert.match(
    errors({ flags: { scenario: "b.yaml" }, readFile: () => "model: [\n" })[0] ?? "",
    /^b\.yaml:\d+:\d+: invalid YAML: /,
  );
});

test("devices must come from somewhere", () => {
  const noDevices = { flags: { scenario: "x.yaml" }, readFile: () => "model: m\ntopics: {data: d}\n" };
  assert.deepEqual(errors(noDevices), [
    "devices: missing: set devices in the scenario file, --devices or SURGE_DEVICES",
  ]);
  assert.equal(settings({ ...noDevices, env: { SURGE_DEVICES: "4" } }).scenario.devices, 4);
});

test("rate above what maxRatePerDevice allows is a warning", () => {
  const result = resolveSettings(
    input({
      flags: { scenario: "c.yaml", rate: "100" },
      readFile: () => "model: m\ndevices: 10\nmaxRatePerDevice: 2\ntopics: {data: d}\n",
    }),
  );
  assert.ok("warnings" in result);
  if ("warnings" in result)
    assert.deepEqual(result.warnings, ["rate 100/s is more than 10 devices may send at maxRatePerDevice 2 (20/s)"]);
});

test("a misspelt SURGE_ variable is a warning with a suggestion; unrelated ones are ignored", () => {
  const result = resolveSettings(input({ env: { SURGE_DEVICS: "5", SURGE_KAFKA_VERSION: "4.1" } }));
  assert.ok("warnings" in result);
  if ("warnings" in result)
    assert.deepEqual(result.warnings, [
      "unknown environment variable SURGE_DEVICS is ignored (did you mean SURGE_DEVICES?)",
    ]);
});

test("a declared fleet keeps the file's device count beside --devices, so its pairings and groups scale", () => {
  const fleet = "devices: 100\ntopics: {data: d}\nfleet:\n  k: {fields: {a: 1}, topics: {data: {}}}\n";
  const builtins = { ...BUILTINS, fleet };
  const scaled = settings({ builtins, flags: { scenario: "fleet", devices: "60" } }).scenario;
  assert.equal(scaled.devices, 60);
  assert.equal(scaled.declaredDevices, 100);
  assert.equal(settings({ builtins, flags: { scenario: "fleet" } }).scenario.declaredDevices, 100);
  assert.equal(settings({ flags: { scenario: "lab" } }).scenario.declaredDevices, undefined);
});

test("--segment and --segments: this instance's share; --run-id shared by the instances", () => {
  const s = settings({ flags: { segment: "1/3", runId: "soak-42", count: "1000" } });
  assert.deepEqual(s.segment, { from: { n: 1, d: 3 }, to: { n: 2, d: 3 } });
  assert.equal(s.runId, "soak-42");
  assert.equal(s.count, 333, "its part of --count: floor(1000·2/3) − floor(1000·1/3)");
  const k8s = settings({ flags: { segments: "4" }, env: { JOB_COMPLETION_INDEX: "3", SURGE_RUN_ID: "r1" } });
  assert.deepEqual(k8s.segment, { from: { n: 3, d: 4 }, to: { n: 1, d: 1 } });
  assert.equal(settings({ flags: { segment: "0:1" } }).segment, undefined, "the whole fleet is no segment");
});

test("bad segments: one line each, naming the fix", () => {
  assert.deepEqual(errors({ flags: { segments: "4" } }), [
    "JOB_COMPLETION_INDEX: must be this instance's index from 0 to 3 with --segments 4 (a Kubernetes Indexed Job sets it; elsewhere use --segment i/4)",
  ]);
  assert.deepEqual(errors({ flags: { segments: "4" }, env: { JOB_COMPLETION_INDEX: "4" } }), [
    "JOB_COMPLETION_INDEX: must be this instance's index from 0 to 3 with --segments 4 (a Kubernetes Indexed Job sets it; elsewhere use --segment i/4), got 4",
  ]);
  assert.deepEqual(errors({ flags: { segment: "1/3", segments: "3" } }), [
    "flags: --segment and --segments cannot go together: give one (--segments takes i from $JOB_COMPLETION_INDEX)",
  ]);
  assert.deepEqual(errors({ flags: { segment: "3/3" } }), [
    '--segment: must have i below N (shares are counted from 0: 0/3 ... 2/3), got "3/3"',
  ]);
  assert.deepEqual(errors({ flags: { scenario: "lab", devices: "2", segment: "999/1000:1" } }), [
    "--segment: 999/1000:1 owns none of the 2 devices: run fewer instances or more --devices",
  ]);
  assert.deepEqual(errors({ flags: { runId: "no spaces" } }), [
    `--run-id: must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, got "no spaces"`,
  ]);
});

test("--memory-limit takes a size, 0 or off, from the flag or SURGE_MEMORY_LIMIT, and names a bad one", () => {
  assert.equal(settings({ flags: { scenario: "lab" } }).memoryLimitBytes, 320 * 1024 ** 2);
  assert.equal(settings({ flags: { scenario: "lab", memoryLimit: "1g" } }).memoryLimitBytes, 1024 ** 3);
  assert.equal(settings({ flags: { scenario: "lab", memoryLimit: "off" } }).memoryLimitBytes, 0);
  assert.equal(settings({ flags: { scenario: "lab" }, env: { SURGE_MEMORY_LIMIT: "0" } }).memoryLimitBytes, 0);
  const [problem] = errors({ flags: { scenario: "lab", memoryLimit: "5k" } });
  assert.match(problem ?? "", /--memory-limit: must be 0 \(off\) or a size from 64m to 1024g.*got "5k"/);
});
