/**
 * Compression codecs against the real local broker (scripts/kafka/up.sh):
 * kafkajs produces with each codec and reads the records back; for snappy, lz4 and zstd Kafka's
 * own Java ConsoleConsumer reads them too, and DumpLogSegments shows that the broker stored
 * batches with that codec (so nothing silently fell back to no compression).
 * zstd needs Bun or Node >= 22.15: under Node 20 it is skipped here and proven by a Bun child.
 */
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { before, test } from "node:test";
import { pathToFileURL } from "node:url";
import kafkajs from "kafkajs";
import type { CompressionTypes as CompressionType } from "kafkajs";
import type { Compression } from "../../src/config/types.ts";
import { codecAvailable, registerCodecs } from "../../src/kafka/codecs/index.ts";
import { brokerStateDir, ensureBroker, kafkaClasspath, repoRoot } from "../helpers/broker.ts";

process.env["KAFKAJS_NO_PARTITIONER_WARNING"] = "1";
const { Kafka, logLevel, CompressionTypes } = kafkajs;

registerCodecs();

const TYPES: Record<Compression, CompressionType> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};
const JAVA_CHECKED: ReadonlySet<Compression> = new Set(["snappy", "lz4", "zstd"]);
const TIMEOUT_MS = 90_000;

interface Rec {
  key: string;
  value: string;
}

/**
 * Three batches (one send each): many small JSON events; big values that cross snappy's 32 KiB
 * chunks and LZ4's 64 KiB blocks, half of them incompressible (stored raw); and odd small ones.
 */
function makeBatches(): Rec[][] {
  let n = 0;
  const rec = (value: string): Rec => ({ key: `k-${String(n++).padStart(5, "0")}`, value });
  const small = Array.from({ length: 500 }, (_, i) =>
    rec(JSON.stringify({ device: `dev-${i % 37}`, seq: i, temp: 20 + (i % 13) / 10, at: 1_780_000_000_000 + i })),
  );
  const big = Array.from({ length: 12 }, (_, i) =>
    rec(i % 2 === 0 ? `{"pattern":"${"abcdefgh".repeat(5000 + i)}"}` : randomBytes(30_000 + i * 1000).toString("base64")),
  );
  const odd = [rec("x"), rec("héllo wörld ✓ 🚀 ünïcödé"), rec("0123456789abcdef")];
  return [small, big, odd];
}

let kafka: InstanceType<typeof Kafka>;
let bootstrap: string;

before(async () => {
  bootstrap = await ensureBroker();
  kafka = new Kafka({ clientId: "codecs-test", brokers: [bootstrap], logLevel: logLevel.NOTHING });
});

async function createTopic(codec: Compression): Promise<string> {
  const topic = `codecs-${codec}-${Date.now()}-${randomBytes(3).toString("hex")}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

async function produce(topic: string, codec: Compression, batches: Rec[][]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (const messages of batches) await producer.send({ topic, acks: -1, compression: TYPES[codec], messages });
  } finally {
    await producer.disconnect();
  }
}

async function consume(topic: string, count: number): Promise<Rec[]> {
  const consumer = kafka.consumer({ groupId: `g-${topic}` });
  await consumer.connect();
  const got: Rec[] = [];
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kafkajs consumer got ${got.length}/${count}`)), TIMEOUT_MS);
      consumer
        .run({
          eachMessage: async ({ message }) => {
            got.push({ key: message.key?.toString() ?? "", value: message.value?.toString() ?? "" });
            if (got.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return got;
}

function run(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024, timeout: TIMEOUT_MS },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${cmd} failed: ${error.message}\n${stderr.slice(-4000)}`)) : resolve(stdout),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Kafka's own Java consumer (the same code path as any JVM client) reading the topic. */
async function javaConsume(topic: string, count: number): Promise<Rec[]> {
  const out = await run("java", [
    "-Xmx256m",
    "-Dfile.encoding=UTF-8",
    "-cp",
    await kafkaClasspath(),
    "org.apache.kafka.tools.consumer.ConsoleConsumer",
    "--bootstrap-server",
    bootstrap,
    "--topic",
    topic,
    "--from-beginning",
    "--max-messages",
    String(count),
    "--timeout-ms",
    String(TIMEOUT_MS - 10_000),
    "--property",
    "print.key=true",
    "--property",
    "key.separator=\t",
  ]);
  return out
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const tab = line.indexOf("\t");
      return { key: line.slice(0, tab), value: line.slice(tab + 1) };
    });
}

/** The compression codec of every batch the broker stored for partition 0, read from its log segment. */
async function storedCodecs(topic: string): Promise<string[]> {
  const segment = join(brokerStateDir, "data", `${topic}-0`, "00000000000000000000.log");
  const out = await run("java", ["-Xmx256m", "-cp", await kafkaClasspath(), "kafka.tools.DumpLogSegments", "--files", segment]);
  return [...out.matchAll(/compresscodec: (\w+)/g)].map((m) => m[1]!);
}

function assertSame(actual: Rec[], expected: Rec[], who: string): void {
  assert.equal(actual.length, expected.length, `${who}: record count`);
  for (let i = 0; i < expected.length; i++) {
    assert.equal(actual[i]!.key, expected[i]!.key, `${who}: key of record ${i}`);
    assert.equal(actual[i]!.value, expected[i]!.value, `${who}: value of record ${i} (${expected[i]!.key})`);
  }
}

async function checkWithKafkaTools(topic: string, codec: Compression, expected: Rec[], batches: number): Promise<void> {
  const [fromJava, codecs] = await Promise.all([
    JAVA_CHECKED.has(codec) ? javaConsume(topic, expected.length) : Promise.resolve(undefined),
    storedCodecs(topic),
  ]);
  assert.deepEqual(codecs, Array<string>(batches).fill(codec), "codec of each stored batch");
  if (fromJava) assertSame(fromJava, expected, "Java ConsoleConsumer");
}

for (const codec of Object.keys(TYPES) as Compression[]) {
  test(`${codec}: kafkajs round trip through the broker`, { timeout: TIMEOUT_MS * 2 }, async (t) => {
    const unavailable = codecAvailable(codec);
    if (unavailable !== undefined) {
      t.skip(unavailable);
      return;
    }
    const batches = makeBatches();
    const expected = batches.flat();
    const topic = await createTopic(codec);
    await produce(topic, codec, batches);
    assertSame(await consume(topic, expected.length), expected, "kafkajs consumer");
    await checkWithKafkaTools(topic, codec, expected, batches.length);
  });
}

test("zstd: unavailable under Node < 22.15 with a clear message", (t) => {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  if ("Bun" in globalThis || major > 22 || (major === 22 && minor >= 15)) {
    t.skip(`this runtime (Node ${process.versions.node}) has zstd`);
    return;
  }
  assert.match(codecAvailable("zstd") ?? "", /zstd compression needs the surge binary \(Bun\) or Node >= 22\.15/);
});

/**
 * The surge binary runs on Bun: produce and consume with zstd in a Bun child (the same
 * src/kafka/codecs code), then check the records with kafkajs here, the Java consumer and
 * DumpLogSegments.
 */
test("zstd under Bun: round trip, read back by Java", { timeout: TIMEOUT_MS * 2 }, async () => {
  const batches = makeBatches();
  const expected = batches.flat();
  const topic = await createTopic("zstd");
  const codecsUrl = pathToFileURL(join(repoRoot, "src/kafka/codecs/index.ts")).href;
  const script = `
    import kafkajs from "kafkajs";
    import { codecAvailable, registerCodecs } from ${JSON.stringify(codecsUrl)};
    const { Kafka, logLevel, CompressionTypes } = kafkajs;
    if (codecAvailable("zstd") !== undefined) throw new Error("zstd unavailable under Bun: " + codecAvailable("zstd"));
    registerCodecs();
    const { brokers, topic, batches } = JSON.parse(await Bun.stdin.text());
    const kafka = new Kafka({ clientId: "codecs-test-bun", brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    for (const messages of batches) await producer.send({ topic, acks: -1, compression: CompressionTypes.ZSTD, messages });
    await producer.disconnect();
    const want = batches.flat().length;
    const got = [];
    const consumer = kafka.consumer({ groupId: "g-bun-" + topic });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise((resolve, reject) => {
      consumer.run({ eachMessage: async ({ message }) => {
        got.push({ key: message.key.toString(), value: message.value.toString() });
        if (got.length >= want) resolve();
      } }).catch(reject);
    });
    await consumer.disconnect();
    process.stdout.write(JSON.stringify(got));
  `;
  const out = await run(
    join(repoRoot, "node_modules/.bin/bun"),
    ["-e", script],
    JSON.stringify({ brokers: [bootstrap], topic, batches }),
  );
  assertSame(JSON.parse(out) as Rec[], expected, "kafkajs consumer under Bun");
  await checkWithKafkaTools(topic, "zstd", expected, batches.length);
});
