import assert from "node:assert/strict";
import { test } from "node:test";
import { SimClock } from "../../../src/sim/sim-clock.ts";

const NOON = Date.UTC(2024, 2, 10, 12);

test("sim clock: at scale 1 simulated time is the event time", () => {
  const c = new SimClock(1);
  assert.equal(c.simMs(NOON), NOON);
  assert.equal(c.simMs(NOON + 12_345), NOON + 12_345);
  assert.equal(c.hours(NOON + 3_600_000), 1);
  assert.ok(Math.abs(c.dayPhase(Date.UTC(2024, 2, 10, 15)) - 1) < 1e-9); // warmest 15:00 UTC
});

test("sim clock: at scale 1440 a minute of events is a day, from the first event's time", () => {
  const c = new SimClock(1440);
  assert.equal(c.simMs(NOON), NOON); // origin: the first event
  assert.equal(c.simMs(NOON + 60_000), NOON + 86_400_000);
  assert.equal(c.hours(NOON + 7_500), 3);
  // 12:00 → 15:00 after 7.5 s (warmest), → 03:00 after 37.5 s (coldest).
  assert.ok(Math.abs(c.dayPhase(NOON + 7_500) - 1) < 1e-6);
  assert.ok(Math.abs(c.dayPhase(NOON + 37_500) + 1) < 1e-6);
  // Events shifted before the first one (late anomalies) get earlier simulated times.
  assert.equal(c.hours(NOON - 2_500), -1);
});

test("sim clock: the time scale must be positive", () => {
  assert.throws(() => new SimClock(0), /positive/);
  assert.throws(() => new SimClock(-2), /positive/);
  assert.throws(() => new SimClock(Number.NaN), /positive/);
});
