/**
 * encoder.js: varints without temporary arrays and Longs. writeUVarInt built a JS array and a
 * `Buffer.from(array)` per call (three per record); writeVarLong and sizeOfVarLong went through
 * BigInt-backed `Long` objects for every record's timestampDelta. Now writeUVarInt writes its
 * bytes in place (same loop, same ToInt32/ToUint32 coercions, at most 5 bytes), and an int32
 * varlong (kafkajs' timestampDelta: 0 unless messages carry timestamps) is zig-zagged with
 * doubles (exact below 2^32) and written as a uvarint; anything else keeps the Long path.
 */
import { replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

const WRITE_UVARINT = `  writeUVarInt(value) {
    const byteArray = []
    while ((value & UNSIGNED_INT32_MAX_NUMBER) !== 0) {
      byteArray.push((value & OTHER_BITS) | MOST_SIGNIFICANT_BIT)
      value >>>= 7
    }
    byteArray.push(value & OTHER_BITS)
    this.writeBufferInternal(Buffer.from(byteArray))
    return this
  }`;

const WRITE_UVARINT_PATCHED = `  writeUVarInt(value) {
    // patched by surge (encoder-varint): same bytes, written in place
    this.ensureAvailable(5)
    const buf = this.buf
    let offset = this.offset
    while ((value & UNSIGNED_INT32_MAX_NUMBER) !== 0) {
      buf[offset++] = (value & OTHER_BITS) | MOST_SIGNIFICANT_BIT
      value >>>= 7
    }
    buf[offset++] = value & OTHER_BITS
    this.offset = offset
    return this
  }`;

const WRITE_VARLONG = `  writeVarLong(value) {
    const byteArray = []`;

const WRITE_VARLONG_PATCHED = `  writeVarLong(value) {
    // patched by surge (encoder-varint): int32 fast path, zig-zag in doubles
    if (typeof value === 'number' && (value | 0) === value) {
      return this.writeUVarInt(value >= 0 ? value * 2 : -value * 2 - 1)
    }
    const byteArray = []`;

const SIZE_OF_VARLONG = `  static sizeOfVarLong(value) {
    let longValue = Encoder.encodeZigZag64(value)`;

const SIZE_OF_VARLONG_PATCHED = `  static sizeOfVarLong(value) {
    // patched by surge (encoder-varint): int32 fast path, zig-zag in doubles
    if (typeof value === 'number' && (value | 0) === value) {
      const zigZag = value >= 0 ? value * 2 : -value * 2 - 1
      return zigZag < 0x80 ? 1 : zigZag < 0x4000 ? 2 : zigZag < 0x200000 ? 3 : zigZag < 0x10000000 ? 4 : 5
    }
    let longValue = Encoder.encodeZigZag64(value)`;

export const encoderVarint: KafkajsPatch = {
  name: "encoder-varint",
  module: "kafkajs/src/protocol/encoder.js",
  apply(source) {
    let out = replaceExact(this.name, source, WRITE_UVARINT, WRITE_UVARINT_PATCHED);
    out = replaceExact(this.name, out, WRITE_VARLONG, WRITE_VARLONG_PATCHED);
    return replaceExact(this.name, out, SIZE_OF_VARLONG, SIZE_OF_VARLONG_PATCHED);
  },
};
