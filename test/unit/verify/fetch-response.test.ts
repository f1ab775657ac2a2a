/** The Fetch v4 decoder and in-place header reader on batches encoded by kafkajs's own encoder. */
import { test } from "node:test";
import assert from "node:assert/strict";
// @ts-expect-error kafkajs ships no types for its internal modules.
import RecordBatchModule from "kafkajs/src/protocol/recordBatch/v0/index.js";
// @ts-expect-error kafkajs ships no types for its internal modules.
import RecordModule from "kafkajs/src/protocol/recordBatch/record/v0/index.js";
// @ts-expect-error kafkajs ships no types for its internal modules.
import LongModule from "kafkajs/src/utils/long.js";
import { decodeFetchV4, eachRecord } from "../../../src/kafka/protocol/fetch-response.ts";
import { decimal, SurgeFacts } from "../../../src/verify/wire/surge-facts.ts";
import type { RecordFacts } from "../../../src/verify/run-tally.ts";

type Encoder = { buffer: Buffer };
const RecordBatch = (RecordBatchModule as { RecordBatch: (a: Record<string, unknown>) => Promise<Encoder> })
  .RecordBatch;
const Record = RecordModule as (a: Record<string, unknown>) => Encoder;
const Long = LongModule as { fromNumber(n: number): unknown };

const RUN = "20261121T083756Z-ab12";
const T0 = 1_800_000_000_000;

async function batch(baseOffset: number, n: number, compression = 0): Promise<Buffer> {
  const records = Array.from({ length: n }, (_, i) =>
    Record({
      offsetDelta: i,
      timestampDelta: Long.fromNumber(i * 7),
      key: Buffer.from(`dev-${i}`),
      value: Buffer.from(`{"v":${i}}`),
      headers: {
        "surge-run": i === 1 ? "other-run" : RUN,
        "surge-device": String(i % 3),
        "surge-seq": String(baseOffset + i),
        "x-user": "surge-seq",
        ...(i === 2 ? { "surge-anomaly": "spike,late" } : {}),
      },
    }),
  );
  const e = await RecordBatch({
    compression,
    firstOffset: Long.fromNumber(baseOffset),
    firstTimestamp: T0,
    maxTimestamp: T0 + 7 * n,
    lastOffsetDelta: n - 1,
    records,
  });
  return e.buffer;
}

function fetchAnswer(records: Buffer): Buffer {
  const topic = Buffer.from("data");
  const b = Buffer.alloc(4 + 4 + 2 + topic.length + 4 + 4 + 2 + 8 + 8 + 4 + 4);
  let at = 0;
  at = b.writeInt32BE(0, at); // throttle
  at = b.writeInt32BE(1, at);
  at = b.writeInt16BE(topic.length, at);
  at += topic.copy(b, at);
  at = b.writeInt32BE(1, at);
  at = b.writeInt32BE(3, at); // partition
  at = b.writeInt16BE(0, at);
  b.writeBigInt64BE(99n, at);
  at += 8;
  b.writeBigInt64BE(99n, at);
  at += 8;
  at = b.writeInt32BE(-1, at); // no aborted transactions
  b.writeInt32BE(records.length, at);
  return Buffer.concat([b, records]);
}

for (const [name, codec] of [
  ["uncompressed", 0],
  ["gzip", 1],
] as const) {
  test(`${name} batches: offsets, timestamps, values and surge headers read in place; a cut-off batch is left for the next fetch`, async () => {
    const two = Buffer.concat([await batch(10, 4, codec), await batch(14, 3, codec)]);
    // The broker may cut the last batch short at its byte limit.
    const cut = two.subarray(0, two.length - 5);
    const [p] = decodeFetchV4(fetchAnswer(cut));
    assert.ok(p);
    assert.deepEqual([p.topic, p.partition, p.errorCode, p.highWatermark], ["data", 3, 0, 99]);
    const facts: RecordFacts = { ours: false, device: -1, seq: -1, anomaly: undefined, timestampMs: 0 };
    const reader = new SurgeFacts(RUN);
    const seen: Array<[number, number, string, boolean, number, number, string | undefined]> = [];
    const next = await eachRecord(p.records!, 11, 100, (v) => {
      reader.read(v, facts);
      seen.push([
        v.offset,
        v.timestampMs,
        v.buf.toString("utf8", v.valueStart, v.valueStart + v.valueLength),
        facts.ours,
        facts.device,
        facts.seq,
        facts.anomaly,
      ]);
    });
    assert.equal(next, 14);
    assert.deepEqual(seen, [
      [11, T0 + 7, '{"v":1}', false, 1, 11, undefined],
      [12, T0 + 14, '{"v":2}', true, 2, 12, "spike,late"],
      [13, T0 + 21, '{"v":3}', true, 0, 13, undefined],
    ]);
    // The whole of both batches, up to (not including) offset 16.
    const offsets: number[] = [];
    assert.equal(await eachRecord(two, 0, 16, (v) => offsets.push(v.offset)), 17);
    assert.deepEqual(offsets, [10, 11, 12, 13, 14, 15]);
  });
}

test("decimal headers: whole numbers only", () => {
  const b = Buffer.from("x12345 9a 00012345678901");
  assert.equal(decimal(b, 1, 5), 12345);
  assert.equal(decimal(b, 7, 2), -1);
  assert.equal(decimal(b, 0, 0), -1);
  assert.equal(decimal(b, 10, 14), -1);
});
