/**
 * The five record-batch codecs by Kafka's attribute number (0 none, 1 gzip, 2 snappy, 3 lz4,
 * 4 zstd), from what the project already has: node:zlib's gzip and zstd, and the pure-JS
 * snappy and lz4 framings in src/kafka/codecs (which verify's kafkajs consumer also uses).
 */
import zlib from "node:zlib";
import type { Compression } from "../../config/types.ts";
import { lz4Codec } from "../codecs/lz4.ts";
import { snappyCodec } from "../codecs/snappy.ts";
import { zstdCodec } from "../codecs/zstd.ts";

export const CODEC_ID: Record<Compression, number> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

function gzip(input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => zlib.gzip(input, (error, out) => (error ? reject(error) : resolve(out))));
}

/** The compressed form of a batch's encoded records. */
export function compress(codec: number, records: Buffer): Promise<Buffer> {
  switch (codec) {
    case 1:
      return gzip(records);
    case 2:
      return snappyCodec.compress({ buffer: records });
    case 3:
      return lz4Codec.compress({ buffer: records });
    case 4:
      return zstdCodec.compress({ buffer: records });
    default:
      return Promise.reject(new Error(`unknown compression codec ${codec}`));
  }
}
