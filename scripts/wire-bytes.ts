/**
 * Prints the SHA-256 of Produce requests surge encodes from fixed-seed records, one line per codec,
 * so that test/integration/wire-bytes.test.ts can compare the runtimes (Node, Bun = the binary's,
 * Deno): the same bytes on the wire everywhere. Usage: <runtime> scripts/wire-bytes.ts
 */
import { createHash } from "node:crypto";
import { encodeProduce } from "../src/kafka/protocol/produce.ts";
import type { ProduceRecord } from "../src/kafka/protocol/record-batch.ts";
import { codecAvailable } from "../src/kafka/codecs/index.ts";

let s = 42;
const next = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
const records: ProduceRecord[] = Array.from({ length: 2000 }, (_, i) => ({
  key: `device_${next() % 1000}`,
  value: JSON.stringify({
    i,
    t: 1_765_000_000_000 + i,
    temperature: (next() % 6000) / 100,
    unit: "°C",
    status: next() % 9 === 0 ? "alarm" : "normal",
  }),
  ...(i % 3 === 0 ? { headers: { "surge-seq": String(i) } } : {}),
}));
const fields = { timestampMs: 1_765_000_000_000, producerId: 77n, producerEpoch: 1, baseSequence: 100 };
for (const [name, codec] of [
  ["none", 0],
  ["gzip", 1],
  ["snappy", 2],
  ["lz4", 3],
  ["zstd", 4],
] as const) {
  if (name === "zstd" && codecAvailable("zstd")) continue;
  const body = await encodeProduce({
    acks: -1,
    timeoutMs: 29_000,
    codec,
    topics: [
      {
        topic: "device-data",
        partitions: [
          { partition: 0, records: records.slice(0, 1200), ...fields },
          { partition: 2, records: records.slice(1200), ...fields },
        ],
      },
    ],
  });
  console.log(`${name} ${createHash("sha256").update(body).digest("hex")}`);
}
