// surge's produce encoding against kafkajs 2.2.4's on the same records: byte for byte.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createRequire } from "node:module";
import zlib from "node:zlib";
import type { ProduceRecord } from "../../../../src/kafka/protocol/record-batch.ts";
import { encodeProduce } from "../../../../src/kafka/protocol/produce.ts";
import { crc32c } from "../../../../src/kafka/protocol/crc32c.ts";
import { recordHeaders } from "../../../../src/truth/record-headers.ts";
import { EncodedRecords, encodePart } from "../../../../src/kafka/protocol/encoded-records.ts";
import type { RecordList } from "../../../../src/kafka/protocol/record-batch.ts";
import { SlabPool } from "../../../../src/kafka/protocol/slab-pool.ts";

const require = createRequire(import.meta.url);
// Test-only: kafkajs's own Produce v7 encoder is the reference.
const produceV7 = require("kafkajs/src/protocol/requests/produce/v7/request.js") as (args: Record<string, unknown>) => {
  encode(): Promise<{ buffer: Buffer }>;
};
const Long = require("kafkajs/src/utils/long.js") as { fromValue(v: number): unknown; fromString(s: string): unknown };

/** Deterministic pseudo-random records: ASCII and multi-byte text, headers on some, an empty key. */
function records(seed: number, count: number): ProduceRecord[] {
  let s = seed >>> 0;
  const next = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const text = (n: number): string => {
    let out = "";
    for (let i = 0; i < n; i++) out += next() % 17 === 0 ? "é°☃"[next() % 3] : String.fromCharCode(32 + (next() % 95));
    return out;
  };
  return Array.from({ length: count }, (_, i) => ({
    key: i === 3 ? "" : `device-${next() % 10_000}`,
    value: text(next() % 700),
    ...(i % 4 === 1 ? { headers: { "surge-trace": String(i), "content-type": "application/json", ü: text(5) } } : {}),
    // Ground truth kept as numbers, alone or after the record's own headers; devices and seqs of every digit count.
    ...(i % 3 === 2
      ? { runId: `run-${i % 7}é`, device: next() % 10 ** (i % 9), seq: i === 5 ? 4_294_967_295 : next() % 100_000 }
      : {}),
  }));
}

const T = 1_765_000_000_123;

async function kafkajsBody(
  compression: number,
  topics: Array<{ topic: string; partitions: Array<{ partition: number; messages: ProduceRecord[] }> }>,
  idempotent?: { id: string; epoch: number; sequence: number },
): Promise<Buffer> {
  const request = produceV7({
    acks: -1,
    timeout: 29_000,
    compression,
    ...(idempotent ? { producerId: Long.fromString(idempotent.id), producerEpoch: idempotent.epoch } : {}),
    topicData: topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p) => ({
        partition: p.partition,
        firstSequence: idempotent?.sequence ?? 0,
        messages: p.messages.map((m) => ({ ...m, headers: recordHeaders(m), timestamp: T })),
      })),
    })),
  });
  return (await request.encode()).buffer;
}

function ours(
  codec: number,
  topics: Layout,
  idempotent?: { id: string; epoch: number; sequence: number },
): Promise<Buffer> {
  return encodeProduce({
    acks: -1,
    timeoutMs: 29_000,
    codec,
    topics: topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p) => ({
        partition: p.partition,
        records: p.messages,
        timestampMs: T,
        // kafkajs's defaults where Java's differ: leader epoch 0, epoch 0 and sequence 0 without idempotence.
        partitionLeaderEpoch: 0,
        producerId: idempotent ? BigInt(idempotent.id) : -1n,
        producerEpoch: idempotent?.epoch ?? 0,
        baseSequence: idempotent?.sequence ?? 0,
      })),
    })),
  });
}

const layout = [
  {
    topic: "surge-telemetry",
    partitions: [
      { partition: 0, messages: records(1, 50) },
      { partition: 5, messages: records(2, 1) },
    ],
  },
  { topic: "surge-événements", partitions: [{ partition: 2, messages: records(3, 300) }] },
];

test("an uncompressed produce v7 request is byte-identical to kafkajs's", async () => {
  const expected = await kafkajsBody(0, layout);
  const actual = await ours(0, layout);
  assert.equal(actual.length, expected.length);
  assert.ok(actual.equals(expected), "bytes differ");
});

test("records that carry their value's byte length (as the engine makes them) encode the same bytes", async () => {
  const measured = layout.map((t) => ({
    ...t,
    partitions: t.partitions.map((p) => ({
      ...p,
      messages: p.messages.map((m) => ({ ...m, valueBytes: Buffer.byteLength(m.value) })),
    })),
  }));
  assert.ok((await ours(0, measured)).equals(await kafkajsBody(0, layout)));
});

/** The layout's records as the sender holds them: encoded at hand-over, in parts of `every` records, in slabs. */
type Layout = Array<{ topic: string; partitions: Array<{ partition: number; messages: RecordList }> }>;

function encodedLayout(every: number, pool: SlabPool): Layout {
  return layout.map((t) => ({
    topic: t.topic,
    partitions: t.partitions.map((p) => {
      const encoded = new EncodedRecords();
      for (let i = 0; i < p.messages.length; i += every)
        encoded.add(encodePart(p.messages.slice(i, i + every), (size) => pool.take(size)));
      return { partition: p.partition, messages: encoded };
    }),
  }));
}

test("records encoded at hand-over, in parts and slabs, write the same bytes (plain and gzip)", async () => {
  const pool = new SlabPool(64 * 1024);
  for (const every of [1, 7, 1000]) {
    const encoded = encodedLayout(every, pool);
    assert.ok((await ours(0, encoded)).equals(await kafkajsBody(0, layout)), `parts of ${every}: bytes differ`);
    assert.ok((await ours(1, encoded)).equals(await kafkajsBody(1, layout)), `parts of ${every}, gzip: bytes differ`);
  }
});

test("a slab is used again only once every part taken from it is released", () => {
  const pool = new SlabPool(1000);
  const first = [pool.take(240), pool.take(240), pool.take(240), pool.take(240)];
  first.forEach((p, i) => p.buf.fill(i));
  assert.ok(
    first.every((p) => p.buf.buffer === first[0]!.buf.buffer),
    "small parts share a slab",
  );
  const second = [pool.take(240)]; // does not fit: a new slab, the first retired
  assert.notEqual(second[0]!.buf.buffer, first[0]!.buf.buffer);
  for (const p of first.slice(0, 3)) p.release();
  assert.equal(pool.spare, 0, "one part still reads the first slab");
  assert.deepEqual([...first[3]!.buf.subarray(0, 3)], [3, 3, 3], "its bytes are untouched");
  first[3]!.release();
  first[3]!.release(); // twice is once
  assert.equal(pool.spare, 1);
  second.push(pool.take(240), pool.take(240), pool.take(240));
  assert.equal(pool.take(240).buf.buffer, first[0]!.buf.buffer, "the second slab is full: the first is used again");
  const big = pool.take(400); // more than a quarter of a slab: memory of its own
  assert.ok(big.buf.buffer !== first[0]!.buf.buffer && big.buf.buffer !== second[0]!.buf.buffer);
});

test("with a producer id, epoch and sequence (--idempotent) the bytes are kafkajs's too", async () => {
  const idem = { id: "4000000123", epoch: 3, sequence: 2_000_000_000 };
  assert.ok((await ours(0, layout, idem)).equals(await kafkajsBody(0, layout, idem)));
});

test("a gzip batch is byte-identical to kafkajs's (same zlib), and its records decompress to the uncompressed ones", async () => {
  const one = [layout[0]!];
  const expected = await kafkajsBody(1, one);
  const actual = await ours(1, one);
  assert.ok(actual.equals(expected), "bytes differ");
});

test("every batch's CRC32C covers attributes to the end, as the broker checks it", async () => {
  const body = await ours(0, [layout[1]!]);
  // header: txn id(2) acks(2) timeout(4) topics(4) name(2+n) partitions(4) partition(4) size(4)
  const nameBytes = Buffer.byteLength(layout[1]!.topic);
  const batchAt = 2 + 2 + 4 + 4 + 2 + nameBytes + 4 + 4 + 4;
  const batchLength = body.readInt32BE(batchAt + 8);
  const crc = body.readUInt32BE(batchAt + 17);
  assert.equal(batchAt + 12 + batchLength, body.length);
  assert.equal(crc32c(body, batchAt + 21, body.length), crc);
  assert.equal(body[batchAt + 16], 2, "magic 2");
  // gzip round trip: the compressed records are the uncompressed records section.
  const gz = await ours(1, [layout[1]!]);
  const records = zlib.gunzipSync(gz.subarray(batchAt + 61));
  assert.ok(records.equals(body.subarray(batchAt + 61)));
});

test("binary values (Avro, Protobuf, Confluent framing) go out as given, byte-identical to kafkajs's", async () => {
  const binary = records(9, 40).map((r, i) => ({
    ...r,
    value: Buffer.from([0, 0, 0, 0, i, 0, ...Buffer.from(String(r.value))]),
  }));
  const topics = [{ topic: "surge-avro", partitions: [{ partition: 1, messages: binary }] }];
  const expected = await kafkajsBody(0, topics);
  const actual = await ours(0, topics);
  assert.ok(actual.equals(expected), "bytes differ");
});
