import assert from "node:assert/strict";
import { test } from "node:test";
import { gtin13, gtinCheckDigit, isValidGtin } from "../../../src/sim/gtin.ts";
import { gtinOfSgtin, isSgtin96Urn, sgtinUrn } from "../../../src/sim/sgtin.ts";

test("gtin: check digits of known codes", () => {
  assert.equal(gtinCheckDigit("400638133393"), 1); // 4006381333931
  assert.equal(gtinCheckDigit("590123412345"), 7); // 5901234123457
  assert.equal(gtinCheckDigit("1061414107346"), 4); // GTIN-14 10614141073464
  assert.ok(isValidGtin("4006381333931"));
  assert.ok(!isValidGtin("4006381333932"));
  assert.ok(!isValidGtin("400638133393"));
  assert.ok(!isValidGtin("40063813339a1"));
});

test("gtin: gtin13 pads the item reference and appends the check digit", () => {
  const g = gtin13("0614141", 42);
  assert.equal(g.length, 13);
  assert.ok(g.startsWith("061414100042"));
  assert.ok(isValidGtin(g));
  for (let i = 1; i < 2000; i += 7) assert.ok(isValidGtin(gtin13("0614141", i)));
  assert.throws(() => gtin13("0614141", 123456));
});

test("sgtin: URN format, validation and the GTIN it identifies", () => {
  const urn = sgtinUrn("0614141", "107346", 2017);
  assert.equal(urn, "urn:epc:id:sgtin:0614141.107346.2017");
  assert.ok(isSgtin96Urn(urn));
  assert.equal(gtinOfSgtin(urn), "10614141073464");
  assert.ok(!isSgtin96Urn("urn:epc:id:sgtin:0614141.10734.2017")); // 12 digits
  assert.ok(!isSgtin96Urn("urn:epc:id:sgtin:0614141.107346.02017")); // leading zero
  assert.ok(!isSgtin96Urn("urn:epc:id:sgtin:0614141.107346.274877906944")); // > 38 bits
  assert.ok(!isSgtin96Urn("urn:epc:id:sgtin:0614141.107346.A1"));
  assert.throws(() => sgtinUrn("0614141", "10734", 1));
  assert.throws(() => sgtinUrn("0614141", "107346", -1));
});
