/**
 * recordBatch/v0/index.js: build the record batch in one buffer. Stock code writes the body,
 * copies it into a second encoder behind the leader epoch, magic and CRC, and copies that into a
 * third behind firstOffset and the length: two extra copies of every batch (~256 KB each, into
 * fresh memory). Now the body is written after a 21-byte gap that is filled in last, with the same
 * fields, the same length and the CRC of the same body bytes.
 */
import { replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

const BODY_START = `  const batchBody = new Encoder()
    .writeInt16(attributes)`;

const BODY_START_PATCHED = `  // patched by surge (record-batch-one-buffer): the header goes in front of the body afterwards
  const batchBody = new Encoder()
  batchBody.offset = BATCH_HEADER_SIZE
  batchBody
    .writeInt16(attributes)`;

const HEADER = `  const batch = new Encoder()
    .writeInt32(partitionLeaderEpoch)
    .writeInt8(MAGIC_BYTE)
    .writeUInt32(crc32C(batchBody.buffer))
    .writeEncoder(batchBody)

  return new Encoder().writeInt64(firstOffset).writeBytes(batch.buffer)
}`;

const HEADER_PATCHED = `  // patched by surge (record-batch-one-buffer): what stock writes in front of the body:
  // firstOffset (8), length of the rest (4), partitionLeaderEpoch (4), magic (1), CRC of the body (4)
  const end = batchBody.offset
  const crc = crc32C(batchBody.buf.subarray(BATCH_HEADER_SIZE, end))
  batchBody.offset = 0
  batchBody
    .writeInt64(firstOffset)
    .writeInt32(end - 12)
    .writeInt32(partitionLeaderEpoch)
    .writeInt8(MAGIC_BYTE)
    .writeUInt32(crc)
  batchBody.offset = end
  return batchBody
}

const BATCH_HEADER_SIZE = 21`;

export const recordBatchOneBuffer: KafkajsPatch = {
  name: "record-batch-one-buffer",
  module: "kafkajs/src/protocol/recordBatch/v0/index.js",
  apply(source) {
    const out = replaceExact(this.name, source, BODY_START, BODY_START_PATCHED);
    return replaceExact(this.name, out, HEADER, HEADER_PATCHED);
  },
};
