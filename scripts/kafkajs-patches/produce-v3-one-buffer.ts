/**
 * requests/produce/v3/request.js (produce v3-v7): stock code copies each partition's record
 * batch into a topic encoder and each topic encoder into the request encoder: two extra copies
 * of every batch. Now the partitions are encoded first (in the same order, with the same
 * arguments), then topic names, counts and partitions are written into one encoder sized for
 * the whole request: the stock bytes, one copy.
 */
import { expectText, replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

const STOCK = `  encode: async () => {
    const encodeTopic = topicEncoder(compression)
    const encodedTopicData = []

    for (const data of topicData) {
      encodedTopicData.push(
        await encodeTopic({ ...data, transactionalId, producerId, producerEpoch })
      )
    }

    return new Encoder()
      .writeString(transactionalId)
      .writeInt16(acks)
      .writeInt32(timeout)
      .writeArray(encodedTopicData)
  },`;

const PATCHED = `  encode: async () => {
    // patched by surge (produce-v3-one-buffer): what topicEncoder would encode, in one encoder
    const encodePartitions = partitionsEncoder(compression)
    const stringSize = value => 2 + (typeof value === 'string' ? Buffer.byteLength(value) : 0)
    const encodedTopics = []
    let size = stringSize(transactionalId) + 2 + 4 + 4

    for (const { topic, partitions } of topicData) {
      const encodedPartitions = []
      for (const data of partitions) {
        const encoded = await encodePartitions({ ...data, transactionalId, producerId, producerEpoch })
        encodedPartitions.push(encoded)
        size += encoded.size()
      }
      size += stringSize(topic) + 4
      encodedTopics.push({ topic, encodedPartitions })
    }

    const encoder = new Encoder(size)
      .writeString(transactionalId)
      .writeInt16(acks)
      .writeInt32(timeout)
      .writeInt32(encodedTopics.length)
    for (const { topic, encodedPartitions } of encodedTopics) {
      encoder.writeString(topic).writeArray(encodedPartitions)
    }
    return encoder
  },`;

// The code PATCHED inlines: fail if it changed.
const TOPIC_ENCODER = `const topicEncoder = compression => async ({
  topic,
  partitions,
  transactionalId,
  producerId,
  producerEpoch,
}) => {
  const encodePartitions = partitionsEncoder(compression)
  const encodedPartitions = []

  for (const data of partitions) {
    encodedPartitions.push(
      await encodePartitions({ ...data, transactionalId, producerId, producerEpoch })
    )
  }

  return new Encoder().writeString(topic).writeArray(encodedPartitions)
}`;

export const produceV3OneBuffer: KafkajsPatch = {
  name: "produce-v3-one-buffer",
  module: "kafkajs/src/protocol/requests/produce/v3/request.js",
  file: /kafkajs[\\/]src[\\/]protocol[\\/]requests[\\/]produce[\\/]v3[\\/]request\.js$/,
  apply(source) {
    const out = replaceExact(this.name, source, STOCK, PATCHED);
    // topicEncoder stays in the file, unused.
    expectText(this.name, out, TOPIC_ENCODER);
    return out;
  },
};
