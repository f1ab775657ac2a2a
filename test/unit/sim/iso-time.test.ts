import assert from "node:assert/strict";
import { test } from "node:test";
import { dayPhase, TimeFormatter, utcHour } from "../../../src/sim/iso-time.ts";
import { Random } from "../../../src/sim/random.ts";

test("iso: same text as Date.toISOString across seconds and days", () => {
  const t = new TimeFormatter();
  const r = new Random(3);
  let ms = Date.UTC(2023, 11, 31, 23, 59, 58);
  for (let i = 0; i < 20_000; i++) {
    ms += r.int(400);
    assert.equal(t.iso(ms), new Date(ms).toISOString());
  }
  assert.equal(t.iso(Date.UTC(2024, 0, 1) + 0.7), "2024-01-01T00:00:00.000Z"); // fractional ms floor
  assert.equal(t.iso(Date.UTC(2024, 0, 1) - 1), "2023-12-31T23:59:59.999Z"); // going back
});

test("plainUtc: YYYY-MM-DD HH:MM:SS in UTC", () => {
  const t = new TimeFormatter();
  assert.equal(t.plainUtc(Date.UTC(2024, 1, 29, 7, 8, 9, 999)), "2024-02-29 07:08:09");
  assert.equal(t.plainUtc(Date.UTC(2024, 1, 29, 7, 8, 10)), "2024-02-29 07:08:10");
});

test("day phase: coldest at 03:00 UTC, warmest at 15:00 UTC", () => {
  assert.equal(utcHour(Date.UTC(2024, 0, 1, 6, 30)), 6.5);
  assert.ok(Math.abs(dayPhase(Date.UTC(2024, 0, 1, 15)) - 1) < 1e-9);
  assert.ok(Math.abs(dayPhase(Date.UTC(2024, 0, 1, 3)) + 1) < 1e-9);
});

test("epochMs: the integer text of the millisecond", () => {
  const t = new TimeFormatter();
  const r = new Random(4);
  let ms = Date.UTC(2024, 0, 1);
  for (let i = 0; i < 5000; i++) {
    ms += r.int(300);
    assert.equal(t.epochMs(ms + 0.5), String(ms));
  }
  assert.equal(t.epochMs(999), "999");
  assert.equal(TimeFormatter.pad3(7), "007");
});
