/**
 * encoder.js: `Buffer.alloc` -> `Buffer.allocUnsafe`. Every Encoder (two or more per record, and
 * one per level of every request) zero-filled its 512 B+ buffer. Safe: nothing ever reads an
 * encoder's bytes at or past `offset` (the `buffer` getter slices [0, offset); ensureAvailable
 * copies [0, offset); writeEncoder* read other encoders through `buffer` or [0, offset)).
 */
import { expectText, replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

export const encoderAllocUnsafe: KafkajsPatch = {
  name: "encoder-alloc-unsafe",
  module: "kafkajs/src/protocol/encoder.js",
  apply(source) {
    let out = replaceExact(
      this.name,
      source,
      "this.buf = Buffer.alloc(Encoder.nextPowerOfTwo(initialSize))",
      "this.buf = Buffer.allocUnsafe(Encoder.nextPowerOfTwo(initialSize))",
    );
    out = replaceExact(this.name, out, "const newBuffer = Buffer.alloc(newLength)", "const newBuffer = Buffer.allocUnsafe(newLength)");
    // Any other allocation would be new code this patch has not reviewed.
    expectText(this.name, out, "Buffer.alloc(", 0);
    return out;
  },
};
