/**
 * Compression codecs against the real local broker (scripts/kafka/up.sh):
 * kafkajs produces with each codec and reads the records back; for snappy, lz4 and zstd Kafka's
 * own Java ConsoleConsumer reads them too, and DumpLogSegments shows that the broker stored
 * batches with that codec (so nothing silently fell back to no compression).
 * zstd needs Bun or Node >= 22.15: under Node 20 it is skipped here and proven by a Bun child.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { pathToFileURL } from "node:url";
import kafkajs from "kafkajs";
import type { CompressionTypes as CompressionType } from "kafkajs";
import type { Compression } from "../../src/config/types.ts";
import { codecAvailable, registerCodecs } from "../../src/kafka/codecs/index.ts";
import { lz4Compress, lz4Decompress } from "../../src/kafka/codecs/lz4.ts";
import { snappyCompress, snappyDecompress } from "../../src/kafka/codecs/snappy.ts";
import { ensureBroker, kafkaClasspath, repoRoot } from "../helpers/broker.ts";
import { javaConsume as javaConsumeFrom, runTool as run, storedCodecs } from "../helpers/kafka-tools.ts";

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
    rec(
      i % 2 === 0 ? `{"pattern":"${"abcdefgh".repeat(5000 + i)}"}` : randomBytes(30_000 + i * 1000).toString("base64"),
    ),
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

const javaConsume = (topic: string, count: number): Promise<Rec[]> => javaConsumeFrom(bootstrap, topic, count);

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

/**
 * Kafka's own Java codecs (org.apache.kafka.common.compress.Compression, what the broker and every
 * Java client use) against ours, byte for byte and in both directions, on inputs chosen to hit
 * the edges: block and chunk boundaries, incompressible data, and a full 64 KiB LZ4 block whose
 * last match starts 10 bytes before its end (lz4js's own encoder emits that; lz4-java rejects it).
 */
const JAVA_CODEC_CHECK = `
import java.io.*;
import java.nio.ByteBuffer;
import java.nio.file.*;
import java.util.*;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.*;

public class KafkaCodecCheck {
  public static void main(String[] args) throws Exception {
    Compression compression = Compression.of(args[0]).build();
    Path dir = Path.of(args[1]);
    List<Path> inputs;
    try (var files = Files.list(dir)) {
      inputs = files.filter(p -> p.toString().endsWith(".in")).sorted().toList();
    }
    for (Path in : inputs) {
      String name = in.getFileName().toString().replaceFirst("[.]in$", "");
      byte[] raw = Files.readAllBytes(in);
      String result;
      ByteBuffer ours = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + ".ours")));
      try (InputStream s = compression.wrapForInput(ours, RecordBatch.MAGIC_VALUE_V2, BufferSupplier.create())) {
        result = Arrays.equals(s.readAllBytes(), raw) ? "OK" : "MISMATCH";
      } catch (Exception e) {
        result = "FAIL " + e;
      }
      ByteBufferOutputStream out = new ByteBufferOutputStream(raw.length + 1024);
      try (OutputStream os = compression.wrapForOutput(out, RecordBatch.MAGIC_VALUE_V2)) {
        os.write(raw);
      }
      ByteBuffer written = out.buffer();
      written.flip();
      byte[] bytes = new byte[written.remaining()];
      written.get(bytes);
      Files.write(dir.resolve(name + ".java"), bytes);
      System.out.println(name + " " + result);
    }
  }
}
`;

/** Deterministic inputs (seeded), so a failure names an input that can be rebuilt. */
function codecCorpus(): Map<string, Buffer> {
  let seed = 0x5eed;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const json = (size: number): Buffer => {
    let text = "";
    while (text.length < size) {
      const id = Math.floor(random() * 500);
      text += JSON.stringify({
        device: `dev-${id}`,
        temp: (random() * 40).toFixed(Math.floor(random() * 4)),
        ok: random() < 0.9,
      });
    }
    return Buffer.from(text.slice(0, size));
  };
  const noise = (size: number): Buffer => Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256)));

  const corpus = new Map<string, Buffer>();
  const lateMatch = Buffer.alloc(65536);
  lateMatch.write("ABCDEFGH", 0);
  lateMatch.write("ABCDEFGHIJ", 65536 - 10);
  corpus.set("late-match-64k", lateMatch);
  for (const size of [1, 5, 12, 13, 14, 100, 32767, 32768, 32769, 65535, 65536, 65537, 131072, 200001]) {
    corpus.set(`json-${size}`, json(size));
  }
  corpus.set("noise-70000", noise(70000));
  corpus.set("zeros-300000", Buffer.alloc(300000));
  corpus.set("mixed-150000", Buffer.concat([json(50000), noise(50000), json(50000)]));
  for (let i = 0; i < 12; i++) corpus.set(`random-${i}`, json(1 + Math.floor(random() * 300000)));
  return corpus;
}

const OURS = {
  snappy: { compress: snappyCompress, decompress: snappyDecompress },
  lz4: { compress: lz4Compress, decompress: lz4Decompress },
} as const;

for (const codec of ["snappy", "lz4"] as const) {
  test(`${codec}: Kafka's Java codec and ours agree in both directions`, { timeout: TIMEOUT_MS }, async () => {
    const dir = await mkdtemp(join(tmpdir(), `surge-${codec}-`));
    try {
      const corpus = codecCorpus();
      for (const [name, input] of corpus) {
        await writeFile(join(dir, `${name}.in`), input);
        await writeFile(join(dir, `${name}.ours`), OURS[codec].compress(input));
        assert.ok(OURS[codec].decompress(OURS[codec].compress(input)).equals(input), `${name}: our own round trip`);
      }
      await writeFile(join(dir, "KafkaCodecCheck.java"), JAVA_CODEC_CHECK);
      const out = await run("java", [
        "-Xmx512m",
        "-cp",
        await kafkaClasspath(),
        join(dir, "KafkaCodecCheck.java"),
        codec,
        dir,
      ]);
      const javaRead = new Map(
        out
          .trim()
          .split("\n")
          .map((line) => line.split(" ", 2) as [string, string]),
      );
      for (const [name, input] of corpus) {
        assert.equal(javaRead.get(name), "OK", `${name}: Kafka's Java ${codec} decoder on our bytes`);
        const fromJava = await readFile(join(dir, `${name}.java`));
        assert.ok(
          OURS[codec].decompress(fromJava).equals(input),
          `${name}: our decoder on Kafka's Java ${codec} bytes`,
        );
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
