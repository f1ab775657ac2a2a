/** The read-back's in-place `surge-at` reader on batches encoded by kafkajs's own encoder. */
import { test } from "node:test";
import assert from "node:assert/strict";
// @ts-expect-error kafkajs ships no types for its internal modules.
import RecordBatchModule from "kafkajs/src/protocol/recordBatch/v0/index.js";
// @ts-expect-error kafkajs ships no types for its internal modules.
import RecordModule from "kafkajs/src/protocol/recordBatch/record/v0/index.js";
// @ts-expect-error kafkajs ships no types for its internal modules.
import LongModule from "kafkajs/src/utils/long.js";
import { eachRecord } from "../../../src/kafka/protocol/fetch-response.ts";
import { AtHeaderReader, timesAt } from "../../../src/e2e/at-header.ts";
import { formatAt, parseAt, type RecordTimes } from "../../../src/e2e/time-header.ts";

type Encoder = { buffer: Buffer };
const RecordBatch = (RecordBatchModule as { RecordBatch: (a: Record<string, unknown>) => Promise<Encoder> })
  .RecordBatch;
const Record = RecordModule as (a: Record<string, unknown>) => Encoder;
const Long = LongModule as { fromNumber(n: number): unknown };

const RUN = "20261206T214400Z-cd34";
const T0 = 1_800_000_000_000;

/** Headers of record i: a mix of sampled, unsampled, foreign, header-less and malformed records. */
function headersOf(i: number): Record<string, string> | undefined {
  switch (i % 6) {
    case 0:
      return {
        "surge-run": RUN,
        "surge-device": "1",
        "surge-seq": String(i),
        "surge-at": `${T0 + i}.250,${T0 + i - 3}.125`,
      };
    case 1:
      return { "surge-run": RUN, "surge-device": "1", "surge-seq": String(i) };
    case 2:
      return { "surge-at": `${T0}.000,${T0}.000`, "surge-run": "another-run" };
    case 3:
      return undefined;
    case 4:
      return { "surge-run": RUN, "surge-at": "not,times", "surge-ax": "1,2" };
    default:
      return { "x-user": "surge-at", "surge-at": `${T0 + i}.000,${T0 + i}.500`, "surge-run": RUN };
  }
}

async function batch(n: number, compression: number): Promise<Buffer> {
  const records = Array.from({ length: n }, (_, i) =>
    Record({
      offsetDelta: i,
      timestampDelta: Long.fromNumber(i),
      key: null,
      value: Buffer.from(`{"v":${i}}`),
      headers: headersOf(i) ?? {},
    }),
  );
  return (
    await RecordBatch({
      compression,
      firstOffset: Long.fromNumber(0),
      firstTimestamp: T0,
      maxTimestamp: T0 + n,
      lastOffsetDelta: n - 1,
      records,
    })
  ).buffer;
}

for (const [name, codec] of [
  ["uncompressed", 0],
  ["gzip", 1],
] as const) {
  test(`${name}: only this run's records with a well-formed surge-at give times, header order and look-alike keys aside`, async () => {
    const reader = new AtHeaderReader(RUN);
    const seen: Array<[number, RecordTimes | undefined]> = [];
    const next = await eachRecord(await batch(12, codec), 0, Number.MAX_SAFE_INTEGER, (v) =>
      seen.push([v.offset, reader.read(v)]),
    );
    assert.equal(next, 12);
    const expected = Array.from({ length: 12 }, (_, i): [number, RecordTimes | undefined] => {
      if (i % 6 === 0) return [i, { sendMs: T0 + i + 0.25, intendedMs: T0 + i - 3 + 0.125 }];
      if (i % 6 === 5) return [i, { sendMs: T0 + i, intendedMs: T0 + i + 0.5 }];
      return [i, undefined];
    });
    assert.deepEqual(seen, expected);
  });
}

test("a record from another run with the same length of run id is not ours", async () => {
  const other = RUN.replace(/.$/, "5");
  const reader = new AtHeaderReader(other);
  const got: Array<RecordTimes | undefined> = [];
  await eachRecord(await batch(6, 0), 0, 6, (v) => got.push(reader.read(v)));
  assert.deepEqual(got, [undefined, undefined, undefined, undefined, undefined, undefined]);
});

test("surge-at from bytes: the same numbers as parseAt for what formatAt writes, parseAt's rules for anything else", () => {
  const cases = [
    formatAt(1_765_000_000_123.456, 1_765_000_000_100.001),
    formatAt(0, 0),
    formatAt(1.5, 2),
    "12,34",
    "12.5,7",
    "1e3,2",
    "-5,3",
    " 1,2",
    "1,",
    ",1",
    "1,2,3",
    "1..2,3",
    "",
    "abc",
    "1.2.3,4",
  ];
  for (const text of cases) {
    const b = Buffer.from(`xx${text}yy`);
    assert.deepEqual(timesAt(b, 2, text.length), parseAt(text), text);
  }
});
