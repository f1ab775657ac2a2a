/**
 * Avro, Protobuf and JSON Schema records in the Confluent wire format, registered in a real
 * Apicurio Registry 2.4.2 (npm run registry:up) and read back from the real broker by Java:
 * Apicurio's own Avro and JSON Schema deserializers, and for Protobuf protobuf-java against the
 * schema the registry holds; and by @confluentinc/schemaregistry's deserializers (Avro, JSON
 * Schema; its Protobuf one cannot read through Apicurio 2.4.2, see docs/formats.md). Every field
 * is checked against `surge sample` with the same seed;
 * the fleet has every type the formats carry (nested records, arrays of records, enums, nullable
 * and left-out fields, timestamps, maps of numbers and of records).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { confluentHeaders, confluentRead } from "../helpers/confluent-read.ts";
import { readProblems, sampledByDevice } from "../helpers/field-compare.ts";
import { ensureRegistry, javaRead } from "../helpers/registry.ts";
import { runSurge, uniquePrefix } from "../helpers/surge.ts";

const FLEET = `name: formats-it
devices: 12
sampleInterval: 1s
topics:
  data: fmt-data
fleet:
  thermostat:
    fields:
      device_id: {gen: id, format: "thermo-{number:05}"}
      ts: {gen: timestamp, format: iso, precision: 3}
      epoch: {gen: timestamp, format: epoch-ms}
      room: {gen: pick, per: device, values: [kitchen, bedroom, office]}
      temperature:
        value: {gen: reading, mean: 21, sd: 0.4, min: -10, max: 45, smoothing: 0.8}
        unit: C
        status: {gen: expr, expr: "value > 21.3 ? 'hot' : 'ok'"}
      heating: {gen: onoff, onShare: 0.3}
      count: {gen: counter, start: 1}
      note: {gen: pick, values: [a, b], nullable: 0.3}
      maybe: {gen: normal, mean: 3, sd: 1, omit: 0.5}
      where: {gen: location}
      phases: {array: {volts: {gen: normal, mean: 230, sd: 2, decimals: 1}, phase: {gen: pick, values: [L1, L2, L3]}}, length: [1, 3]}
      temps: {map: {gen: normal, mean: 20, sd: 2, decimals: 1}, keys: [cpu, gpu, disk], size: [1, 3]}
      ports: {map: {state: {gen: pick, values: [up, down]}, errors: {gen: poisson, mean: 2}}, keys: {gen: regex, pattern: "eth[0-9]"}, size: [0, 2]}
    topics:
      data: {}
`;
const RECORDS = 120;
const SEED = "11";

let brokers = "";
let registry = "";
let scenario = "";
let expected = new Map<string, Record<string, unknown>>();

before(async () => {
  [brokers, registry] = await Promise.all([ensureBroker(), ensureRegistry()]);
  scenario = join(mkdtempSync(join(tmpdir(), "surge-formats-it-")), "fleet.yaml");
  writeFileSync(scenario, FLEET);
  // The same seed and device order as the run: records match by (device, counter).
  const sample = await runSurge(["sample", "--scenario", scenario, "--seed", SEED, "-n", String(RECORDS)]);
  assert.equal(sample.code, 0, sample.stderr);
  expected = sampledByDevice(sample.stdout);
  assert.equal(expected.size, RECORDS);
});

for (const format of ["avro", "protobuf", "json-schema"] as const) {
  test(
    `${format}: registered, framed, read back by Java and by @confluentinc/schemaregistry field for field`,
    { timeout: 300_000 },
    async () => {
      const prefix = uniquePrefix(`fmt-${format}`);
      const summary = join(tmpdir(), `${prefix}summary.json`);
      const run = await runSurge([
        "--brokers",
        brokers,
        "--scenario",
        scenario,
        "--format",
        format,
        "--schema-registry",
        registry,
        "--topic-prefix",
        prefix,
        "--seed",
        SEED,
        "--count",
        String(RECORDS),
        "--rate",
        "max",
        "--no-tui",
        "--summary-json",
        summary,
      ]);
      assert.equal(run.code, 0, run.stderr);
      const topic = `${prefix}fmt-data`;
      const doc = JSON.parse(readFileSync(summary, "utf8")) as {
        topics: Record<string, { format: string; subject: string; schemaId: number; acked: number }>;
      };
      const t = doc.topics[topic];
      assert.equal(t?.format, format);
      assert.equal(t?.subject, `${topic}-value`);
      assert.ok(Number.isInteger(t?.schemaId), JSON.stringify(t));
      assert.equal(t?.acked, RECORDS);

      const [java, confluent] = await Promise.all([
        javaRead(brokers, topic, format, registry, RECORDS),
        confluentRead(brokers, topic, format, registry, RECORDS),
      ]);
      assert.equal(java.length, RECORDS);
      assert.deepEqual(readProblems(java, expected, format).slice(0, 20), []);
      assert.equal(confluent.length, RECORDS);
      if (format !== "protobuf") {
        const problems = readProblems(confluent, expected, format).map((p) => `@confluentinc/schemaregistry: ${p}`);
        assert.deepEqual(problems.slice(0, 20), []);
        return;
      }
      // @confluentinc/schemaregistry's ProtobufDeserializer asks for the schema as a base64
      // FileDescriptorProto (GET /schemas/ids/N?format=serialized); Apicurio 2.4.2's ccompat ignores
      // `format` and answers the .proto text, so the library cannot read Protobuf against it. Checked
      // here so the gap docs/formats.md describes is noticed when it closes.
      const served = (await (await fetch(`${registry}/schemas/ids/${t?.schemaId}?format=serialized`)).json()) as {
        schema: string;
      };
      assert.match(served.schema, /^syntax = "proto3";/);
      assert.deepEqual(
        confluent.filter((r) => r.value !== undefined).map((r) => `${r.partition}/${r.offset} was read`),
        [],
      );
    },
  );
}

// A given .proto whose chosen message is nested and not first: Confluent's index list is [1, 1].
const TWO_MESSAGES = `syntax = "proto3";
package surge.idx;

message Header { string source = 1; }

message Outer {
  message Skipped { string x = 1; }
  message Reading { string device_id = 1; int64 count = 2; double value = 3; }
  Reading reading = 1;
}
`;
const INDEXED = `name: formats-index
devices: 4
sampleInterval: 1s
topics:
  data: {name: idx-data, format: protobuf, schema: two.proto, message: surge.idx.Outer.Reading}
fleet:
  thermostat:
    fields:
      device_id: {gen: id, format: "thermo-{number:05}"}
      count: {gen: counter, start: 1}
      value: {gen: normal, mean: 21, sd: 1}
    topics:
      data: {}
`;

test(
  "protobuf: a nested message not first in its .proto: the library parses surge's index list, Java decodes it",
  { timeout: 200_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "surge-formats-idx-"));
    writeFileSync(join(dir, "two.proto"), TWO_MESSAGES);
    const file = join(dir, "fleet.yaml");
    writeFileSync(file, INDEXED);
    const prefix = uniquePrefix("fmt-idx");
    const count = 20;
    const common = ["--scenario", file, "--seed", SEED];
    const sample = await runSurge(["sample", ...common, "-n", String(count)]);
    const run = await runSurge([
      ...common,
      "--brokers",
      brokers,
      "--schema-registry",
      registry,
      "--topic-prefix",
      prefix,
      "--count",
      String(count),
      "--rate",
      "max",
      "--no-tui",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(sample.code, 0, sample.stderr);
    const topic = `${prefix}idx-data`;
    const [headers, java] = await Promise.all([
      confluentHeaders(brokers, topic, count),
      javaRead(brokers, topic, "protobuf", registry, count),
    ]);
    // magic byte, 4-byte id, then zigzag varints: count 2, indexes 1 and 1.
    assert.equal(headers.length, count);
    assert.deepEqual(
      headers.filter((h) => JSON.stringify(h.value?.["indexes"]) !== "[1,1]" || h.value?.["body"] !== 8),
      [],
    );
    assert.equal(java.length, count);
    assert.deepEqual(readProblems(java, sampledByDevice(sample.stdout), "protobuf").slice(0, 20), []);
  },
);

const MALFORMED = `name: formats-malformed
devices: 10
sampleInterval: 1s
topics:
  data: mal-data
timeline:
  - at: 0s
    inject: {kind: malformed, share: 50%, for: 1h}
fleet:
  thermostat:
    fields:
      device_id: {gen: id, format: "thermo-{number:05}"}
      ts: {gen: timestamp, format: epoch-ms}
      value: {gen: normal, mean: 21, sd: 1}
      status: {gen: pick, values: [ok, hot]}
    topics:
      data: {}
`;

test(
  "malformed: every marked record is rejected by the Java deserializer, every other one read; verify accounts for all",
  { timeout: 400_000 },
  async () => {
    const file = join(mkdtempSync(join(tmpdir(), "surge-formats-mal-")), "mal.yaml");
    writeFileSync(file, MALFORMED);
    for (const format of ["avro", "protobuf", "json-schema"] as const) {
      const prefix = uniquePrefix(`mal-${format}`);
      const run = await runSurge([
        "--brokers",
        brokers,
        "--scenario",
        file,
        "--format",
        format,
        "--schema-registry",
        registry,
        "--topic-prefix",
        prefix,
        "--count",
        "80",
        "--rate",
        "max",
        "--no-tui",
      ]);
      assert.equal(run.code, 0, run.stderr);
      const read = await javaRead(brokers, `${prefix}mal-data`, format, registry, 80);
      assert.equal(read.length, 80);
      const marked = read.filter((r) => r.anomaly === "malformed");
      assert.ok(marked.length > 0 && marked.length < 80, `${format}: ${marked.length} of 80 marked`);
      assert.deepEqual(
        marked
          .filter((r) => r.value !== undefined)
          .map((r) => `${format} ${r.partition}/${r.offset} was read: ${JSON.stringify(r.value)}`),
        [],
      );
      assert.deepEqual(
        read
          .filter((r) => r.anomaly === undefined && r.value === undefined)
          .map((r) => `${format} ${r.partition}/${r.offset}: ${r.rejected?.error}`),
        [],
      );
      const verify = await runSurge(["verify", "--brokers", brokers, "--json"]);
      assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    }
  },
);

test(
  "registry refusals and bad format flags: one line naming subject and version, exit 2, credentials never shown",
  { timeout: 200_000 },
  async () => {
    const prefix = uniquePrefix("fmt-refuse");
    const args = [
      "--brokers",
      brokers,
      "--scenario",
      scenario,
      "--topic-prefix",
      prefix,
      "--count",
      "20",
      "--rate",
      "max",
      "--no-tui",
    ];
    const first = await runSurge([...args, "--format", "avro", "--schema-registry", registry]);
    assert.equal(first.code, 0, first.stderr);
    // The same subject, now with a field of another type: BACKWARD compatibility refuses it.
    await fetch(`${registry}/config/${prefix}fmt-data-value`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: '{"compatibility":"BACKWARD"}',
    });
    const changed = join(mkdtempSync(join(tmpdir(), "surge-formats-refuse-")), "fleet.yaml");
    writeFileSync(changed, FLEET.replace("count: {gen: counter, start: 1}", "count: {gen: pick, values: [x, y]}"));
    const refused = await runSurge([
      "--brokers",
      brokers,
      "--scenario",
      changed,
      "--topic-prefix",
      prefix,
      "--count",
      "20",
      "--no-tui",
      "--format",
      "avro",
      "--schema-registry",
      registry,
    ]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(
      refused.stderr,
      new RegExp(`refused the schema for subject ${prefix}fmt-data-value: incompatible with version 1`),
    );
    assert.doesNotMatch(refused.stderr, /\n\s+at /);
    const unknown = await runSurge([
      "--brokers",
      brokers,
      "--scenario",
      scenario,
      "--topic-prefix",
      `${prefix}x-`,
      "--count",
      "20",
      "--no-tui",
      "--format",
      "avro",
      "--schema-registry",
      registry,
      "--use-latest",
    ]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /has no subject .*x-fmt-data-value/);
    const down = await runSurge([
      ...args,
      "--format",
      "protobuf",
      "--schema-registry",
      "http://127.0.0.1:9/apis/ccompat/v7",
    ]);
    assert.equal(down.code, 2);
    assert.match(
      down.stderr,
      /cannot reach the schema registry at http:\/\/127\.0\.0\.1:9\/apis\/ccompat\/v7: ECONNREFUSED/,
    );
    const bad = await runSurge([...args, "--format", "xml"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format: must be one of json, avro, protobuf, json-schema, got "xml"/);
    const secret = "s3cr3t-pw";
    const creds = await runSurge([...args, "--format", "avro", "--schema-registry", "http://127.0.0.1:9"], {
      env: { ...process.env, SURGE_SCHEMA_REGISTRY_USER: "u", SURGE_SCHEMA_REGISTRY_PASSWORD: secret },
    });
    assert.equal(creds.code, 2);
    assert.ok(!creds.stderr.includes(secret) && !creds.stdout.includes(secret));
  },
);
