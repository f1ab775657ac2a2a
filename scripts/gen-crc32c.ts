/**
 * Compiles src/kafka/protocol/crc32c.wat (with wabt, the WebAssembly binary toolkit) into the bytes
 * src/kafka/protocol/crc32c-wasm.ts inlines, so every runtime and the binary load the same module
 * with no file to find at run time. `npm run gen:crc32c`; a unit test checks the two agree.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { crc32cWasmFromSource } from "./crc32c-wat.ts";

const wat = fileURLToPath(new URL("../src/kafka/protocol/crc32c.wat", import.meta.url));
const out = fileURLToPath(new URL("../src/kafka/protocol/crc32c-wasm.ts", import.meta.url));
const bytes = await crc32cWasmFromSource(readFileSync(wat, "utf8"));
writeFileSync(
  out,
  [
    "/** The WebAssembly module of crc32c.wat (`npm run gen:crc32c` writes this file; do not edit). */",
    `export const CRC32C_WASM_BASE64 =\n  "${Buffer.from(bytes).toString("base64")}";`,
    "",
  ].join("\n"),
);
console.log(`wrote ${out} (${bytes.length} bytes of WebAssembly)`);
