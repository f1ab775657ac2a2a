/**
 * CRC32C throughput: surge's WebAssembly slicing-by-16 (src/kafka/protocol/crc32c.ts) against the
 * plain-JS slicing-by-8 it replaced (kept here as the yardstick), rounds interleaved, over
 * batch-sized buffers. Run it in each runtime: `bun scripts/bench-crc32c.ts`,
 * `node --import tsx scripts/bench-crc32c.ts`.
 */
import { crc32c } from "../src/kafka/protocol/crc32c.ts";

const POLY = 0x82f63b78;
const TABLES: Int32Array[] = [new Int32Array(256)];
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  TABLES[0]![n] = c;
}
for (let k = 1; k < 8; k++) {
  const prev = TABLES[k - 1]!;
  const next = new Int32Array(256);
  for (let n = 0; n < 256; n++) next[n] = (prev[n]! >>> 8) ^ TABLES[0]![prev[n]! & 0xff]!;
  TABLES.push(next);
}
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES as [
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
];

/** The JS slicing-by-8 surge used before the WebAssembly module. */
function crc32cJs(bytes: Uint8Array, start: number, end: number): number {
  let crc = -1;
  let i = start;
  const stop = end - ((end - start) & 7);
  while (i < stop) {
    const low = crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    crc =
      T7[low & 0xff]! ^
      T6[(low >>> 8) & 0xff]! ^
      T5[(low >>> 16) & 0xff]! ^
      T4[low >>> 24]! ^
      T3[bytes[i + 4]!]! ^
      T2[bytes[i + 5]!]! ^
      T1[bytes[i + 6]!]! ^
      T0[bytes[i + 7]!]!;
    i += 8;
  }
  for (; i < end; i++) crc = T0[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

const runtime = "Bun" in globalThis ? "bun" : "Deno" in globalThis ? "deno" : `node ${process.version}`;
const SIZE = 256 * 1024; // one --batch-size 256k batch
const data = Uint8Array.from({ length: SIZE + 16 }, (_, i) => (i * 2654435761) >>> 24);
if (crc32c(data, 3, SIZE) !== crc32cJs(data, 3, SIZE)) throw new Error("the two CRCs differ");
const rounds = 5;
const reps = 400;
const rates: Record<string, number[]> = { wasm: [], js: [] };
for (let round = 0; round < rounds; round++)
  for (const [name, f] of [
    ["wasm", crc32c],
    ["js", crc32cJs],
  ] as const) {
    let x = 0;
    const t = performance.now();
    for (let r = 0; r < reps; r++) x ^= f(data, r & 15, SIZE);
    const seconds = (performance.now() - t) / 1000;
    rates[name]!.push((reps * SIZE) / 1e6 / seconds);
    if (x === 0.5) console.log(x); // keeps the sums live
  }
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`bench-crc32c: ${runtime}, ${rounds} interleaved rounds of ${reps} × 256 KiB`);
for (const name of ["wasm", "js"])
  console.log(
    `  ${name === "wasm" ? "WebAssembly slicing-by-16" : "JS slicing-by-8 (before)"}: median ${median(rates[name]!).toFixed(0)} MB/s (${rates[name]!.map((r) => r.toFixed(0)).join(", ")})`,
  );
console.log(`  ratio of medians: ${(median(rates["wasm"]!) / median(rates["js"]!)).toFixed(2)}×`);
