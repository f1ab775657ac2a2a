import assert from "node:assert/strict";
import { test } from "node:test";
import { formatAt, parseAt, Sampler } from "../../../src/e2e/time-header.ts";
import { valueAt } from "../../../src/e2e/json-path.ts";
import { parseJsonPath } from "../../../src/config/resolve-e2e.ts";
import { sampleValue } from "../../../src/config/resolve-e2e.ts";

test("surge-at round-trips send and intended time to the microsecond", () => {
  const text = formatAt(1733520000123.4567, 1733520000100.25);
  assert.equal(text, "1733520000123.457,1733520000100.250");
  assert.deepEqual(parseAt(text), { sendMs: 1733520000123.457, intendedMs: 1733520000100.25 });
  for (const bad of ["", "12", ",1", "a,b", "1,"]) assert.equal(parseAt(bad), undefined, bad);
});

test("1 % sampling stamps exactly every 100th record of each topic", () => {
  const s = new Sampler(0.01, 2);
  let a = 0;
  let b = 0;
  for (let i = 0; i < 10_000; i++) if (s.take(0)) a++;
  for (let i = 0; i < 500; i++) if (s.take(1)) b++;
  assert.equal(a, 100);
  assert.equal(b, 5);
  const all = new Sampler(1, 1);
  assert.ok([1, 2, 3].every(() => all.take(0)));
  const third = new Sampler(1 / 3, 1);
  let c = 0;
  for (let i = 0; i < 300; i++) if (third.take(0)) c++;
  assert.equal(c, 100);
});

test("--e2e-sample takes percentages and shares, refuses 0 and more than all", () => {
  assert.deepEqual(sampleValue("1%"), { ok: true, value: 0.01 });
  assert.deepEqual(sampleValue("0.5 %"), { ok: true, value: 0.005 });
  assert.deepEqual(sampleValue("0.25"), { ok: true, value: 0.25 });
  assert.deepEqual(sampleValue("100%"), { ok: true, value: 1 });
  for (const bad of ["0", "0%", "101%", "2", "abc", ""]) assert.equal(sampleValue(bad).ok, false, bad);
});

test("--match paths find a generated field in JSON, as text", () => {
  const keys = parseJsonPath("$.device.id");
  assert.ok("keys" in keys);
  assert.equal(valueAt('{"device":{"id":"d-7"}}', keys.keys), "d-7");
  assert.equal(valueAt('{"device":{"id":42}}', keys.keys), "42");
  assert.equal(valueAt('{"device":{}}', keys.keys), undefined);
  assert.equal(valueAt("not json", keys.keys), undefined);
  for (const bad of ["device.id", "$", "$.", "$[0]", "$.a..b"]) assert.ok("problem" in parseJsonPath(bad), bad);
});
