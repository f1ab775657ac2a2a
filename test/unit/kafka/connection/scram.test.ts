// SCRAM-SHA-256 against RFC 7677's worked example, and a forged server signature refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import { scramClient } from "../../../../src/kafka/connection/scram.ts";

const serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

test("SCRAM-SHA-256 writes RFC 7677's client messages and accepts its server signature", () => {
  const c = scramClient("scram-sha-256", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
  assert.equal(c.first().toString(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  assert.equal(
    c.final(Buffer.from(serverFirst)).toString(),
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
  );
  assert.doesNotThrow(() => c.check(Buffer.from("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
});

test("SCRAM refuses a server signature that does not match, a nonce it did not start, and a server error", () => {
  const c = scramClient("scram-sha-256", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
  c.final(Buffer.from(serverFirst));
  assert.throws(() => c.check(Buffer.from("v=AAAA")), /signature does not match/);
  assert.throws(() => c.check(Buffer.from("e=invalid-proof")), /authentication failed: invalid-proof/);
  const other = scramClient("scram-sha-512", "user", "pencil", "abc");
  assert.throws(() => other.final(Buffer.from(serverFirst)), /not valid SCRAM/);
});
