// The digit count the truth headers are measured and written with, at every power-of-ten edge.
import assert from "node:assert/strict";
import { test } from "node:test";
import { decimalDigits } from "../../../../src/kafka/protocol/truth-headers.ts";

test("decimalDigits is the length of the number's decimal text on both sides of every power of ten", () => {
  for (let p = 1; p <= 15; p++) {
    for (const n of [10 ** p - 1, 10 ** p, 10 ** p + 1]) assert.equal(decimalDigits(n), String(n).length, String(n));
  }
  for (const n of [0, 7, 4_294_967_295, Number.MAX_SAFE_INTEGER]) assert.equal(decimalDigits(n), String(n).length);
});
