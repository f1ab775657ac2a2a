/**
 * Records a real broker's answers to surge's own requests (ApiVersions, Metadata, InitProducerId,
 * Produce) as hex fixtures for test/unit/kafka/protocol: the decoders are tested on bytes a broker
 * really sent. Usage: node --import tsx scripts/protocol-capture.ts HOST:PORT (a throwaway broker).
 */
import { writeFileSync } from "node:fs";
import net from "node:net";
import kafkajs from "kafkajs";
import { frameRequest } from "../src/kafka/protocol/frame.ts";
import { encodeApiVersions } from "../src/kafka/protocol/api-versions.ts";
import { encodeMetadata } from "../src/kafka/protocol/metadata.ts";
import { encodeInitProducerId } from "../src/kafka/protocol/init-producer-id.ts";
import { encodeProduce } from "../src/kafka/protocol/produce.ts";

const address = process.argv[2] ?? "127.0.0.1:9092";
const [host = "127.0.0.1", port = "9092"] = address.split(":");
const topic = "surge-protocol-capture";
const dir = new URL("../test/unit/kafka/protocol/fixtures/", import.meta.url);

const admin = new kafkajs.Kafka({ brokers: [address], logLevel: kafkajs.logLevel.NOTHING }).admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }] }).catch(() => false);
await admin.disconnect();
await new Promise((r) => setTimeout(r, 2000));

const socket = net.connect(Number(port), host);
await new Promise((r) => socket.once("connect", r));
let pending = Buffer.alloc(0);
let waiter: ((frame: Buffer) => void) | undefined;
socket.on("data", (chunk: Buffer) => {
  pending = Buffer.concat([pending, chunk]);
  if (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
    const size = 4 + pending.readInt32BE(0);
    const frame = pending.subarray(0, size);
    pending = pending.subarray(size);
    waiter?.(frame);
  }
});
let correlation = 1;
async function ask(name: string, apiKey: number, version: number, body: Buffer): Promise<void> {
  const answer = new Promise<Buffer>((r) => (waiter = r));
  socket.write(frameRequest(apiKey, version, correlation++, "surge-capture", body));
  const frame = await answer;
  writeFileSync(new URL(`${name}.hex`, dir), frame.toString("hex") + "\n");
  console.log(`${name}: ${frame.length} bytes`);
}

await ask("api-versions-v2", 18, 2, encodeApiVersions());
await ask("metadata-v7", 3, 7, encodeMetadata([topic, "surge-no-such-topic"]));
await ask("init-producer-id-v1", 22, 1, encodeInitProducerId());
const records = [
  { key: "device-1", value: '{"t":1}' },
  { key: "device-2", value: '{"t":2}', headers: { h: "v" } },
];
const fields = { records, timestampMs: Date.now(), producerId: -1n, producerEpoch: -1, baseSequence: -1 };
await ask(
  "produce-v7",
  0,
  7,
  await encodeProduce({
    acks: -1,
    timeoutMs: 5000,
    codec: 0,
    topics: [
      {
        topic,
        partitions: [
          { partition: 0, ...fields },
          { partition: 1, ...fields },
          { partition: 7, ...fields },
        ],
      },
      { topic: "surge-no-such-topic", partitions: [{ partition: 0, ...fields }] },
    ],
  }),
);
await ask(
  "produce-v7-lz4",
  0,
  7,
  await encodeProduce({
    acks: 1,
    timeoutMs: 5000,
    codec: 3,
    topics: [{ topic, partitions: [{ partition: 0, ...fields }] }],
  }),
);
socket.end();
