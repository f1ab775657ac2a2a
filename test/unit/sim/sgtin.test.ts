import assert from "node:assert/strict";
import { test } from "node:test";
import { gtin13 } from "../../../src/sim/gtin.ts";
import { Random } from "../../../src/sim/random.ts";
import {
  gtinOfSgtin,
  isSgtin96Urn,
  sgtin96Hex,
  sgtinPartition,
  sgtinPrefixOfGtin13,
  sgtinUrn,
  sgtinUrnOfHex,
} from "../../../src/sim/sgtin.ts";

test("sgtin-96: the Tag Data Standard's worked example encodes bit for bit", () => {
  // GS1 EPC TDS: urn:epc:id:sgtin:0614141.812345.6789, filter 3 → 3074257BF7194E4000001A85.
  assert.equal(sgtin96Hex("urn:epc:id:sgtin:0614141.812345.6789", 3), "3074257BF7194E4000001A85");
  assert.equal(sgtinUrnOfHex("3074257BF7194E4000001A85"), "urn:epc:id:sgtin:0614141.812345.6789");
  assert.equal(sgtinUrnOfHex("3574257BF7194E4000001A85"), undefined); // header 0x35 is not SGTIN-96
});

test("sgtin-96: the partition follows the company prefix length (TDS table)", () => {
  assert.deepEqual([12, 11, 10, 9, 8, 7, 6].map(sgtinPartition), [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(sgtinPartition(5), -1);
  assert.equal(sgtinPartition(13), -1);
  assert.throws(() => sgtinUrn("06141", "12345678", 1));
});

test("sgtin-96: thousands of URNs over every partition round-trip through the 96-bit form", () => {
  const rng = new Random(12);
  for (let i = 0; i < 5000; i++) {
    const prefixDigits = 6 + rng.int(7);
    const prefix = String(rng.int(10 ** Math.min(prefixDigits, 9))).padStart(prefixDigits, "0");
    const item = String(rng.int(10 ** (13 - prefixDigits))).padStart(13 - prefixDigits, "0");
    const serial = rng.int(2 ** 32) * 64 + rng.int(64); // up to 38 bits
    const urn = sgtinUrn(prefix, item, serial);
    assert.ok(isSgtin96Urn(urn), urn);
    const hex = sgtin96Hex(urn, i % 8);
    assert.equal(hex.length, 24);
    assert.equal(sgtinUrnOfHex(hex), urn);
    assert.equal(Number.parseInt(hex.slice(0, 2), 16), 0x30);
  }
});

test("sgtin: an item of a GTIN-13 product carries that GTIN with indicator 0", () => {
  for (let ref = 1; ref < 5000; ref += 13) {
    const gtin = gtin13("0614141", ref);
    const urn = `${sgtinPrefixOfGtin13(gtin, 7)}${ref * 7}`;
    assert.ok(isSgtin96Urn(urn), urn);
    assert.equal(gtinOfSgtin(urn), `0${gtin}`);
  }
});
