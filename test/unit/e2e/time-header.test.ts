import assert from "node:assert/strict";
import { test } from "node:test";
import { formatAt, parseAt, Sampler } from "../../../src/e2e/time-header.ts";
import { timesAt } from "../../../src/e2e/at-header.ts";
import { ClockSkew } from "../../../src/e2e/clock-skew.ts";
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

test("in a split run surge-at names the stamping clock; a reader gets it back, in place too", () => {
  const text = formatAt(1733520000123.5, 1733520000100.25, "1/3");
  assert.equal(text, "1733520000123.500,1733520000100.250,1/3");
  assert.deepEqual(parseAt(text), { sendMs: 1733520000123.5, intendedMs: 1733520000100.25, clock: "1/3" });
  assert.deepEqual(timesAt(Buffer.from(text), 0, text.length), parseAt(text));
  for (const bad of ["1,2,", "1,2,a,b"]) assert.equal(parseAt(bad), undefined, bad);
});

test("the skew of another instance's clock: its fastest record minus ours, either way, never clamped", () => {
  const skew = new ClockSkew("0/2");
  skew.note("1/2", 47.5); // its clock 45 ms behind ours: its records look 45 ms slower
  assert.ok(Number.isNaN(skew.estimates()[0]!.skewMs), "nothing of ours to compare yet");
  for (const ms of [2.5, 3, 9]) skew.note("0/2", ms);
  skew.note(undefined, 4);
  skew.note("1/2", 60);
  skew.note("2/2", -37.5); // its clock 40 ms ahead: negative latencies
  assert.equal(skew.ownFastestMs, 2.5);
  assert.deepEqual(
    skew.estimates().map((e) => [e.clock, e.records, e.fastestMs, e.skewMs]),
    [
      ["1/2", 2, 47.5, 45],
      ["2/2", 1, -37.5, -40],
    ],
  );
});
