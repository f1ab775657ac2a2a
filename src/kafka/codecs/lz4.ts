/**
 * LZ4 for Kafka, pure JS, in the LZ4 frame format Kafka uses (magic v1+ batches).
 *
 * Kafka's Lz4BlockInputStream (broker and Java consumer) only accepts frames whose blocks are
 * independent ("Dependent block stream is unsupported") and decodes each block into a buffer of
 * the frame's maximum block size. The Java producer writes: FLG version 01 + block independence,
 * BD 64 KiB, no checksums, no content size. We write exactly that.
 *
 * lz4js's own `compress` cannot be used as is: it writes a frame without the block-independence
 * flag (the broker rejects it) with 4 MiB blocks, and its block encoder lets a match start as late
 * as 10 bytes before the end of a block, where the LZ4 block format requires 12 (MFLIMIT) — a
 * full 64 KiB block encoded that way can fail in the reference decoder Kafka uses (lz4-java).
 * So the block encoder below is our own (standard greedy LZ4, single hash probe, like LZ4's
 * fast mode). Decoding uses lz4js's block decoder and the header checksum uses its xxHash32.
 */
import lz4js from "lz4js";
import xxh32 from "lz4js/xxh32.js";
import type { KafkaCodec } from "./types.ts";

const MAGIC = 0x184d2204;
const FLG_VERSION_1 = 0x40;
const FLG_BLOCK_INDEPENDENCE = 0x20;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_DICT_ID = 0x01;
const BD_64KB = 4 << 4;
const BLOCK_SIZE = 64 * 1024;
const BLOCK_MAX_SIZES: Record<number, number> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1024 * 1024, 7: 4 * 1024 * 1024 };
const UNCOMPRESSED_BIT = 0x80000000;

// LZ4 block format constants.
const MIN_MATCH = 4;
const LAST_LITERALS = 5; // the last 5 bytes of a block are always literals
const MFLIMIT = 12; // the last match must start at least 12 bytes before the end of the block
const MAX_OFFSET = 65535;
const HASH_LOG = 14;
const SKIP_TRIGGER = 6;

const hashTable = new Int32Array(1 << HASH_LOG);
const scratch = new Uint8Array(BLOCK_SIZE + Math.ceil(BLOCK_SIZE / 255) + 16);

function read32(src: Uint8Array, i: number): number {
  return src[i]! | (src[i + 1]! << 8) | (src[i + 2]! << 16) | (src[i + 3]! << 24);
}

function copyBytes(src: Uint8Array, from: number, to: number, dst: Uint8Array, d: number): number {
  if (to - from > 32) {
    dst.set(src.subarray(from, to), d);
    return d + (to - from);
  }
  while (from < to) dst[d++] = src[from++]!;
  return d;
}

function writeLength(dst: Uint8Array, d: number, n: number): number {
  while (n >= 255) {
    dst[d++] = 255;
    n -= 255;
  }
  dst[d++] = n;
  return d;
}

/**
 * Encodes src[start, end) (at most 64 KiB) as one independent LZ4 block into `scratch`.
 * Returns the encoded length.
 */
function compressBlock(src: Uint8Array, start: number, end: number): number {
  const dst = scratch;
  let d = 0;
  let anchor = start;
  if (end - start > MFLIMIT) {
    hashTable.fill(0);
    const matchStartLimit = end - MFLIMIT;
    const matchEndLimit = end - LAST_LITERALS;
    let ip = start;
    let searches = 1 << SKIP_TRIGGER;
    while (ip <= matchStartLimit) {
      const seq = read32(src, ip);
      const h = Math.imul(seq, 2654435761) >>> (32 - HASH_LOG);
      const ref = hashTable[h]! - 1; // stored +1 so that 0 means empty
      hashTable[h] = ip + 1;
      if (ref < start || ip - ref > MAX_OFFSET || read32(src, ref) !== seq) {
        ip += searches++ >> SKIP_TRIGGER;
        continue;
      }
      searches = 1 << SKIP_TRIGGER;

      let matchEnd = ip + MIN_MATCH;
      let r = ref + MIN_MATCH;
      while (matchEnd < matchEndLimit && src[matchEnd] === src[r]) {
        matchEnd++;
        r++;
      }

      const literals = ip - anchor;
      const matchLength = matchEnd - ip - MIN_MATCH;
      const token = d++;
      if (literals >= 15) d = writeLength(dst, d, literals - 15);
      d = copyBytes(src, anchor, ip, dst, d);
      const offset = ip - ref;
      dst[d++] = offset & 0xff;
      dst[d++] = offset >>> 8;
      if (matchLength >= 15) d = writeLength(dst, d, matchLength - 15);
      dst[token] = (Math.min(literals, 15) << 4) | Math.min(matchLength, 15);

      ip = matchEnd;
      anchor = ip;
    }
  }
  const literals = end - anchor;
  dst[d++] = Math.min(literals, 15) << 4;
  if (literals >= 15) d = writeLength(dst, d, literals - 15);
  return copyBytes(src, anchor, end, dst, d);
}

export function lz4Compress(input: Buffer): Buffer {
  const blocks = Math.ceil(input.length / BLOCK_SIZE);
  // Every block is stored raw when encoding does not shrink it, so this bound is exact enough.
  const out = Buffer.allocUnsafe(7 + blocks * 4 + input.length + 4);
  out.writeUInt32LE(MAGIC, 0);
  out[4] = FLG_VERSION_1 | FLG_BLOCK_INDEPENDENCE;
  out[5] = BD_64KB;
  out[6] = (xxh32.hash(0, out, 4, 2) >>> 8) & 0xff;
  let d = 7;
  for (let start = 0; start < input.length; start += BLOCK_SIZE) {
    const end = Math.min(start + BLOCK_SIZE, input.length);
    const size = compressBlock(input, start, end);
    if (size < end - start) {
      out.writeUInt32LE(size, d);
      out.set(scratch.subarray(0, size), d + 4);
      d += 4 + size;
    } else {
      out.writeUInt32LE((UNCOMPRESSED_BIT | (end - start)) >>> 0, d);
      input.copy(out, d + 4, start, end);
      d += 4 + (end - start);
    }
  }
  out.writeUInt32LE(0, d); // EndMark
  return out.subarray(0, d + 4);
}

/** Decodes one LZ4 frame (any block size, dependent or independent blocks, optional checksums). */
export function lz4Decompress(input: Buffer): Buffer {
  if (input.length < 7 || input.readUInt32LE(0) !== MAGIC) throw new Error("lz4: not an LZ4 frame");
  const flg = input[4]!;
  if ((flg & 0xc0) !== FLG_VERSION_1) throw new Error(`lz4: unsupported frame version ${flg >> 6}`);
  const maxBlock = BLOCK_MAX_SIZES[(input[5]! >> 4) & 7];
  if (maxBlock === undefined) throw new Error("lz4: invalid block maximum size");
  const blockChecksum = (flg & FLG_BLOCK_CHECKSUM) !== 0;
  let pos = 6 + (flg & FLG_CONTENT_SIZE ? 8 : 0) + (flg & FLG_DICT_ID ? 4 : 0) + 1;

  let out = Buffer.allocUnsafe(Math.max(maxBlock, input.length * 4));
  let d = 0;
  for (;;) {
    if (pos + 4 > input.length) throw new Error("lz4: truncated frame");
    const word = input.readUInt32LE(pos);
    pos += 4;
    if (word === 0) break;
    const size = word & ~UNCOMPRESSED_BIT;
    if (size > maxBlock) throw new Error("lz4: block larger than the frame's maximum block size");
    if (pos + size > input.length) throw new Error("lz4: truncated block");
    if (out.length - d < maxBlock) {
      // Grow; dependent blocks may refer back into what is already decoded, so keep it.
      const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, d + maxBlock));
      out.copy(bigger, 0, 0, d);
      out = bigger;
    }
    if (word & UNCOMPRESSED_BIT) {
      input.copy(out, d, pos, pos + size);
      d += size;
    } else {
      const next = lz4js.decompressBlock(input, out, pos, size, d);
      if (next - d > maxBlock) throw new Error("lz4: corrupt block");
      d = next;
    }
    pos += size + (blockChecksum ? 4 : 0);
  }
  if (flg & FLG_CONTENT_CHECKSUM) pos += 4;
  return out.subarray(0, d);
}

export const lz4Codec: KafkaCodec = {
  async compress(encoder) {
    return lz4Compress(encoder.buffer);
  },
  async decompress(buffer) {
    return lz4Decompress(buffer);
  },
};
