/**
 * recordBatch/crc32C/crc32C.js: slicing-by-16 CRC32C. Stock kafkajs checksums every record batch
 * one byte and one table lookup at a time (0.4 GB/s in Bun; ~8 % of the producer's CPU at
 * 50 MB/s). Slicing-by-16 consumes 16 bytes per step with sixteen 256-entry tables derived from
 * kafkajs' own table `T` (2.1 GB/s; slicing-by-8 reached 1.6). Same CRC; inputs that are not
 * Uint8Arrays keep the stock loop.
 */
import { expectText, replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

const STOCK = `const crc32C = buffer => {
  let crc = 0 ^ -1
  for (let i = 0; i < buffer.length; i++) {`;

const PATCHED = `const crc32C = buffer => {
  // patched by surge (crc32c-slicing): 16 bytes per step
  if (buffer instanceof Uint8Array) return crc32CSliced(buffer)
  let crc = 0 ^ -1
  for (let i = 0; i < buffer.length; i++) {`;

const SLICED = `

// patched by surge (crc32c-slicing): T1..T15[n] = CRC of byte n followed by 1..15 zero bytes.
var [T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15] = (() => {
  const tables = [T]
  for (let k = 1; k < 16; k++) {
    const prev = tables[k - 1]
    const next = new Int32Array(256)
    for (let n = 0; n < 256; n++) next[n] = (prev[n] >>> 8) ^ T[prev[n] & 0xff]
    tables.push(next)
  }
  return tables.slice(1)
})()

function crc32CSliced(buffer) {
  let crc = -1
  let i = 0
  const length = buffer.length
  const end = length - (length & 15)
  while (i < end) {
    const low = crc ^ (buffer[i] | (buffer[i + 1] << 8) | (buffer[i + 2] << 16) | (buffer[i + 3] << 24))
    crc =
      T15[low & 0xff] ^
      T14[(low >>> 8) & 0xff] ^
      T13[(low >>> 16) & 0xff] ^
      T12[low >>> 24] ^
      T11[buffer[i + 4]] ^
      T10[buffer[i + 5]] ^
      T9[buffer[i + 6]] ^
      T8[buffer[i + 7]] ^
      T7[buffer[i + 8]] ^
      T6[buffer[i + 9]] ^
      T5[buffer[i + 10]] ^
      T4[buffer[i + 11]] ^
      T3[buffer[i + 12]] ^
      T2[buffer[i + 13]] ^
      T1[buffer[i + 14]] ^
      T[buffer[i + 15]]
    i += 16
  }
  for (; i < length; i++) crc = T[(crc ^ buffer[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ -1) >>> 0
}
`;

export const crc32cSlicing: KafkajsPatch = {
  name: "crc32c-slicing",
  module: "kafkajs/src/protocol/recordBatch/crc32C/crc32C.js",
  apply(source) {
    const out = replaceExact(this.name, source, STOCK, PATCHED);
    // The derived tables need kafkajs' table to be \`var T = new Int32Array([...])\`, defined once.
    expectText(this.name, out, "var T = new Int32Array([");
    return out + SLICED;
  },
};
