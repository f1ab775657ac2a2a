/**
 * encoder.js: writeEncoder / writeEncoderArray copy another Encoder's bytes [0, offset) straight
 * from its `buf` instead of through the `buffer` getter (one Buffer slice object per record per
 * level), and writeEncoderArray makes room for the whole array once: a record batch body used to
 * grow 512 B -> 1 KB -> ... -> 512 KB, reallocating and copying at every step. Same bytes; values
 * that are not this module's Encoder (duck-typed `{ buf, buffer }`) take the stock path.
 */
import { replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

const WRITE_ENCODER = `    this.writeBufferInternal(value.buffer)
    return this
  }

  writeEncoderArray(value) {
    if (!Array.isArray(value) || value.some(v => v == null || !Buffer.isBuffer(v.buf))) {
      throw new Error('all values should be an instance of Encoder[]')
    }

    value.forEach(v => {
      this.writeBufferInternal(v.buffer)
    })
    return this
  }`;

const WRITE_ENCODER_PATCHED = `    // patched by surge (encoder-copy): copy [0, offset) without a slice
    if (value instanceof Encoder) {
      this.ensureAvailable(value.offset)
      value.buf.copy(this.buf, this.offset, 0, value.offset)
      this.offset += value.offset
      return this
    }
    this.writeBufferInternal(value.buffer)
    return this
  }

  writeEncoderArray(value) {
    if (!Array.isArray(value) || value.some(v => v == null || !Buffer.isBuffer(v.buf))) {
      throw new Error('all values should be an instance of Encoder[]')
    }

    // patched by surge (encoder-copy): room for the whole array at once, copies without slices
    let total = 0
    value.forEach(v => {
      total += v instanceof Encoder ? v.offset : 0
    })
    this.ensureAvailable(total)
    value.forEach(v => {
      if (v instanceof Encoder) {
        v.buf.copy(this.buf, this.offset, 0, v.offset)
        this.offset += v.offset
      } else {
        this.writeBufferInternal(v.buffer)
      }
    })
    return this
  }`;

export const encoderCopy: KafkajsPatch = {
  name: "encoder-copy",
  module: "kafkajs/src/protocol/encoder.js",
  apply(source) {
    return replaceExact(this.name, source, WRITE_ENCODER, WRITE_ENCODER_PATCHED);
  },
};
