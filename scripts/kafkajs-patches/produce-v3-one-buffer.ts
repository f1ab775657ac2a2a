/**
 * requests/produce/v3/request.js (produce v3-v7): stock code copies each partition's record
 * batch into a partition encoder (behind partition and size), that into a topic encoder and
 * that into the request encoder: three copies of every batch (~256 KB each, into fresh memory).
 * Now the partitions are encoded first (same order, same arguments) and partitionsEncoder hands
 * back the partition and its record batch; then every field the stock encoders wrote goes into
 * one encoder sized for the whole request: the stock bytes, one copy.
 */
import { expectText, replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

const ENCODE = `  encode: async () => {
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

const ENCODE_PATCHED = `  encode: async () => {
    // patched by surge (produce-v3-one-buffer): what topicEncoder and the partition encoders
    // wrote, in one encoder
    const encodePartitions = partitionsEncoder(compression)
    const stringSize = value => 2 + (typeof value === 'string' ? Buffer.byteLength(value) : 0)
    const topics = []
    let size = stringSize(transactionalId) + 2 + 4 + 4

    for (const { topic, partitions } of topicData) {
      const encodedPartitions = []
      for (const data of partitions) {
        const encoded = await encodePartitions({ ...data, transactionalId, producerId, producerEpoch })
        encodedPartitions.push(encoded)
        size += 8 + encoded.recordBatch.size()
      }
      size += stringSize(topic) + 4
      topics.push({ topic, encodedPartitions })
    }

    const encoder = new Encoder(size)
      .writeString(transactionalId)
      .writeInt16(acks)
      .writeInt32(timeout)
      .writeInt32(topics.length)
    for (const { topic, encodedPartitions } of topics) {
      encoder.writeString(topic).writeInt32(encodedPartitions.length)
      for (const { partition, recordBatch } of encodedPartitions) {
        encoder
          .writeInt32(partition)
          .writeInt32(recordBatch.size())
          .writeEncoder(recordBatch)
      }
    }
    return encoder
  },`;

// Inlined into encode above; removed so that nothing can call it with the new partitionsEncoder.
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
}
`;

const PARTITION_TAIL = `  return new Encoder()
    .writeInt32(partition)
    .writeInt32(recordBatch.size())
    .writeEncoder(recordBatch)
}`;

const PARTITION_TAIL_PATCHED = `  // patched by surge (produce-v3-one-buffer): encode writes these
  return { partition, recordBatch }
}`;

export const produceV3OneBuffer: KafkajsPatch = {
  name: "produce-v3-one-buffer",
  module: "kafkajs/src/protocol/requests/produce/v3/request.js",
  apply(source) {
    let out = replaceExact(this.name, source, ENCODE, ENCODE_PATCHED);
    out = replaceExact(this.name, out, TOPIC_ENCODER, "");
    out = replaceExact(this.name, out, PARTITION_TAIL, PARTITION_TAIL_PATCHED);
    // Defined once, called once (by encode): nothing else sees its new return value.
    expectText(this.name, out, "partitionsEncoder", 2);
    return out;
  },
};
