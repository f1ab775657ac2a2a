/**
 * Snappy for Kafka, pure JS (snappyjs), in the framing the Java client writes.
 *
 * Kafka's Java producer wraps snappy in xerial's SnappyOutputStream: a 16-byte header
 * (magic 0x82 "SNAPPY" 0x00, version 1, compatible version 1, both int32 BE) followed by
 * chunks of [int32 BE compressed length][raw snappy of up to 32 KiB]. The broker and Java
 * consumers read it with SnappyInputStream, which also accepts plain raw snappy; other
 * clients (librdkafka, kafkajs-snappy) read both too. We write the xerial form, like Java,
 * and read both.
 */
import snappyjs from "snappyjs";
import type { KafkaCodec } from "./types.ts";

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER = Buffer.concat([XERIAL_MAGIC, Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])]);
/** xerial's default block size, which Kafka's producer uses. */
const XERIAL_BLOCK_SIZE = 32 * 1024;

export function snappyCompress(input: Buffer): Buffer {
  const parts: Buffer[] = [XERIAL_HEADER];
  for (let start = 0; start < input.length; start += XERIAL_BLOCK_SIZE) {
    const chunk = snappyjs.compress(input.subarray(start, start + XERIAL_BLOCK_SIZE));
    const length = Buffer.allocUnsafe(4);
    length.writeInt32BE(chunk.length, 0);
    parts.push(length, chunk as Buffer);
  }
  return Buffer.concat(parts);
}

export function snappyDecompress(input: Buffer): Buffer {
  if (!isXerial(input)) return toBuffer(snappyjs.uncompress(input));
  const parts: Buffer[] = [];
  let pos = XERIAL_HEADER.length;
  while (pos < input.length) {
    if (pos + 4 > input.length) throw new Error("snappy: truncated xerial chunk header");
    const length = input.readInt32BE(pos);
    pos += 4;
    if (length < 0 || pos + length > input.length) throw new Error("snappy: truncated xerial chunk");
    parts.push(toBuffer(snappyjs.uncompress(input.subarray(pos, pos + length))));
    pos += length;
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

function isXerial(input: Buffer): boolean {
  return input.length >= XERIAL_HEADER.length && input.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC);
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const snappyCodec: KafkaCodec = {
  async compress(encoder) {
    return snappyCompress(encoder.buffer);
  },
  async decompress(buffer) {
    return snappyDecompress(buffer);
  },
};
