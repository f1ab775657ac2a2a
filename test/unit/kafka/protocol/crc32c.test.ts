// CRC32C (WebAssembly slicing-by-16) against published vectors and a bit-at-a-time reference.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { crc32c } from "../../../../src/kafka/protocol/crc32c.ts";
import { CRC32C_WASM_BASE64 } from "../../../../src/kafka/protocol/crc32c-wasm.ts";
import { crc32cWasmFromSource } from "../../../../scripts/crc32c-wat.ts";

function reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

test("CRC32C known vectors (RFC 3720 B.4 and the check value)", () => {
  assert.equal(crc32c(Buffer.from("123456789")), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e);
  assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c);
  assert.equal(crc32c(new Uint8Array(0)), 0);
});

test("CRC32C of any length and start offset matches the bitwise reference", () => {
  const data = Uint8Array.from({ length: 4099 }, (_, i) => (i * 2654435761) >>> 24);
  for (const [start, end] of [
    [0, 1],
    [0, 7],
    [0, 8],
    [1, 9],
    [3, 100],
    [5, 4099],
    [0, 4099],
    [17, 17],
    [2, 18],
    [1, 4098],
  ] as const) {
    assert.equal(crc32c(data, start, end), reference(data.subarray(start, end)), `${start}..${end}`);
  }
});

test("CRC32C over more than the module's memory holds at once (summed in chunks)", () => {
  const data = Uint8Array.from({ length: 300_001 }, (_, i) => (i * 40503) >>> 7);
  assert.equal(crc32c(data), reference(data));
  assert.equal(crc32c(data, 114_687, 300_000), reference(data.subarray(114_687, 300_000)));
});

test("the inlined WebAssembly is crc32c.wat compiled (npm run gen:crc32c)", async () => {
  const wat = readFileSync(new URL("../../../../src/kafka/protocol/crc32c.wat", import.meta.url), "utf8");
  const compiled = Buffer.from(await crc32cWasmFromSource(wat)).toString("base64");
  assert.equal(CRC32C_WASM_BASE64, compiled);
});
