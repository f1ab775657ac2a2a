// Decoding answers a real Kafka 4.1 broker sent to surge's own requests (scripts/protocol-capture.ts).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { unframeResponse } from "../../../../src/kafka/protocol/frame.ts";
import { decodeApiVersionsResponse, unsupported } from "../../../../src/kafka/protocol/api-versions.ts";
import { decodeMetadataResponse } from "../../../../src/kafka/protocol/metadata.ts";
import { decodeInitProducerIdResponse } from "../../../../src/kafka/protocol/init-producer-id.ts";
import { decodeProduceResponse } from "../../../../src/kafka/protocol/produce.ts";
import { errorOfCode } from "../../../../src/kafka/protocol/error-codes.ts";

const fixture = (name: string): { correlationId: number; body: Buffer } =>
  unframeResponse(Buffer.from(readFileSync(new URL(`fixtures/${name}.hex`, import.meta.url), "utf8").trim(), "hex"));

test("ApiVersions v2: the broker speaks the versions surge sends", () => {
  const { correlationId, body } = fixture("api-versions-v2");
  assert.equal(correlationId, 1);
  const answer = decodeApiVersionsResponse(body);
  assert.equal(answer.errorCode, 0);
  const need = new Map([
    [0, 7],
    [3, 7],
    [22, 1],
  ]);
  const names = new Map([
    [0, "Produce"],
    [3, "Metadata"],
    [22, "InitProducerId"],
  ]);
  assert.equal(unsupported(answer, need, names), undefined);
  assert.match(
    unsupported(answer, new Map([[0, 99]]), names) ?? "",
    /does not speak Produce v99 \(it speaks \d+-\d+\)/,
  );
});

test("Metadata v7: brokers, leaders per partition, and a missing topic's own error", () => {
  const m = decodeMetadataResponse(fixture("metadata-v7").body);
  assert.equal(m.brokers.length, 1);
  assert.equal(m.brokers[0]!.host, "127.0.0.1");
  const [known, missing] = m.topics;
  assert.equal(known!.name, "surge-protocol-capture");
  assert.equal(known!.errorCode, 0);
  assert.deepEqual(known!.partitions.map((p) => p.partition).sort(), [0, 1]);
  for (const p of known!.partitions) assert.equal(p.leader, m.brokers[0]!.nodeId);
  for (const p of known!.partitions) assert.ok((p.leaderEpoch ?? -1) >= 0, "the leader epoch is read");
  assert.equal(missing!.name, "surge-no-such-topic");
  assert.equal(errorOfCode(missing!.errorCode).type, "UNKNOWN_TOPIC_OR_PARTITION");
});

test("InitProducerId v1: a producer id and epoch", () => {
  const a = decodeInitProducerIdResponse(fixture("init-producer-id-v1").body);
  assert.equal(a.errorCode, 0);
  assert.ok(a.producerId >= 0n);
  assert.ok(a.producerEpoch >= 0);
});

test("Produce v7: each partition's answer apart (appended, unknown partition, unknown topic)", () => {
  const answers = decodeProduceResponse(fixture("produce-v7").body);
  const byKey = new Map(answers.map((a) => [`${a.topic}/${a.partition}`, a]));
  assert.equal(byKey.get("surge-protocol-capture/0")!.errorCode, 0);
  assert.equal(byKey.get("surge-protocol-capture/1")!.errorCode, 0);
  assert.ok(byKey.get("surge-protocol-capture/0")!.baseOffset >= 0n);
  assert.equal(errorOfCode(byKey.get("surge-protocol-capture/7")!.errorCode).type, "UNKNOWN_TOPIC_OR_PARTITION");
  assert.equal(errorOfCode(byKey.get("surge-no-such-topic/0")!.errorCode).type, "UNKNOWN_TOPIC_OR_PARTITION");
  const lz4 = decodeProduceResponse(fixture("produce-v7-lz4").body);
  assert.equal(lz4.length, 1);
  assert.equal(lz4[0]!.errorCode, 0, "the broker accepted surge's lz4 batch (its CRC and framing)");
});

test("a truncated answer is a clear error, not a wrong value", () => {
  const body = fixture("produce-v7").body;
  assert.throws(() => decodeProduceResponse(body.subarray(0, body.length - 3)), /truncated Kafka answer/);
});
