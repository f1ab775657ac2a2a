/**
 * recordBatch/crc32C/crc32C.js: slicing-by-8 CRC32C. Stock kafkajs checksums every record batch
 * one byte and one table lookup at a time (~8 % of the producer's CPU at 50 MB/s). Slicing-by-8
 * consumes 8 bytes per step with eight 256-entry tables derived from kafkajs' own table `T`;
 * the result is the same CRC. Inputs that are not Uint8Arrays keep the stock loop.
 */
import { expectText, replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

const STOCK = `const crc32C = buffer => {
  let crc = 0 ^ -1
  for (let i = 0; i < buffer.length; i++) {`;

const PATCHED = `const crc32C = buffer => {
  // patched by surge (crc32c-slicing): 8 bytes per step
  if (buffer instanceof Uint8Array) return crc32CSliced(buffer)
  let crc = 0 ^ -1
  for (let i = 0; i < buffer.length; i++) {`;

const SLICED = `

// patched by surge (crc32c-slicing): T1..T7[n] = CRC of byte n followed by 1..7 zero bytes.
var T1 = new Int32Array(256), T2 = new Int32Array(256), T3 = new Int32Array(256), T4 = new Int32Array(256)
var T5 = new Int32Array(256), T6 = new Int32Array(256), T7 = new Int32Array(256)
;(() => {
  const tables = [T, T1, T2, T3, T4, T5, T6, T7]
  for (let k = 1; k < 8; k++) {
    const prev = tables[k - 1]
    const next = tables[k]
    for (let n = 0; n < 256; n++) next[n] = (prev[n] >>> 8) ^ T[prev[n] & 0xff]
  }
})()

function crc32CSliced(buffer) {
  let crc = -1
  let i = 0
  const length = buffer.length
  const end = length - (length & 7)
  while (i < end) {
    const low = crc ^ (buffer[i] | (buffer[i + 1] << 8) | (buffer[i + 2] << 16) | (buffer[i + 3] << 24))
    crc =
      T7[low & 0xff] ^
      T6[(low >>> 8) & 0xff] ^
      T5[(low >>> 16) & 0xff] ^
      T4[low >>> 24] ^
      T3[buffer[i + 4]] ^
      T2[buffer[i + 5]] ^
      T1[buffer[i + 6]] ^
      T[buffer[i + 7]]
    i += 8
  }
  for (; i < length; i++) crc = T[(crc ^ buffer[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ -1) >>> 0
}
`;

export const crc32cSlicing: KafkajsPatch = {
  name: "crc32c-slicing",
  module: "kafkajs/src/protocol/recordBatch/crc32C/crc32C.js",
  file: /kafkajs[\\/]src[\\/]protocol[\\/]recordBatch[\\/]crc32C[\\/]crc32C\.js$/,
  apply(source) {
    const out = replaceExact(this.name, source, STOCK, PATCHED);
    // The derived tables need kafkajs' table to be \`var T = new Int32Array([...])\`, defined once.
    expectText(this.name, out, "var T = new Int32Array([");
    return out + SLICED;
  },
};
