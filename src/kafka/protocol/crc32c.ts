/**
 * CRC32C (Castagnoli), the checksum of Kafka's record batch v2: slicing-by-16 in a 418-byte
 * WebAssembly module (crc32c.wat, inlined by crc32c-wasm.ts). WebAssembly runs the same in Node,
 * Bun, Deno and the compiled binary, with no native addon, and sums 1.4-1.7x as fast as the same
 * tables in JS (BENCHMARKS.md, "CRC32C"), which was the batch writer's largest cost.
 */
import { CRC32C_WASM_BASE64 } from "./crc32c-wasm.ts";

const POLY = 0x82f63b78;
/** 16 tables of 256 words at k * 1024 (where crc32c.wat reads them), then the bytes to sum. */
const TABLES_BYTES = 16 * 1024;
/** The module's two 64 KiB pages: what does not fit after the tables is summed in chunks. */
const CHUNK = 2 * 65536 - TABLES_BYTES;

/** The little of the WebAssembly global this file uses (the project's lib is ES2023, without it). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: object,
  ) => { exports: { memory: { buffer: ArrayBuffer }; update: (crc: number, start: number, end: number) => number } };
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
const { memory, update } = new wasm.Instance(new wasm.Module(Buffer.from(CRC32C_WASM_BASE64, "base64")), {}).exports;
// The module never grows its memory, so this view stays valid.
const heap = new Uint8Array(memory.buffer);

// T[k][n] = CRC of byte n followed by k zero bytes.
(() => {
  const t = new Int32Array(memory.buffer, 0, TABLES_BYTES / 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[n] = c;
  }
  for (let k = 1; k < 16; k++)
    for (let n = 0; n < 256; n++) {
      const prev = t[(k - 1) * 256 + n]!;
      t[k * 256 + n] = (prev >>> 8) ^ t[prev & 0xff]!;
    }
})();

/** CRC32C of bytes[start, end), as an unsigned 32-bit number. */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = -1;
  for (let at = start; at < end; at += CHUNK) {
    const stop = Math.min(end, at + CHUNK);
    heap.set(bytes.subarray(at, stop), TABLES_BYTES);
    crc = update(crc, TABLES_BYTES, TABLES_BYTES + (stop - at));
  }
  return (crc ^ -1) >>> 0;
}
