import { test } from "node:test";
import assert from "node:assert/strict";
import { Scheduler } from "../../../src/engine/scheduler.ts";

/** Drives a scheduler with a fake clock in `stepMs` steps and counts what it emits. */
function emitOver(s: Scheduler, fromMs: number, toMs: number, stepMs: number, limit = 1_000_000): number {
  let total = 0;
  for (let t = fromMs; t <= toMs; t += stepMs) {
    const due = s.due(t, limit);
    s.consume(due.count);
    total += due.count;
  }
  return total;
}

test("holds the rate without drift over a long run with uneven wake-ups", () => {
  const s = new Scheduler(5000, 0);
  let total = 0;
  let t = 0;
  // Wake-ups jitter between 0.3 and 7 ms, like a busy event loop.
  const steps = [0.3, 7, 1, 2.5, 4, 0.9];
  let i = 0;
  while (t < 60_000) {
    const due = s.due(t, 1_000_000);
    s.consume(due.count);
    total += due.count;
    t += steps[i++ % steps.length] ?? 1;
  }
  // Events intended in [0, t): exactly rate × seconds, give or take the one in progress.
  assert.ok(Math.abs(total - 5000 * 60) <= 1 + 5000 * 0.007, `emitted ${total}`);
});

test("first intended time and spacing describe the schedule, so lateness can be measured", () => {
  const s = new Scheduler(1000, 10_000);
  const due = s.due(10_010.5, 100);
  assert.equal(due.count, 11);
  assert.equal(due.firstIntendedMs, 10_000);
  assert.equal(due.spacingMs, 1);
  s.consume(due.count);
  assert.equal(s.nextDueMs(), 10_011);
});

test("a limit leaves the rest due for the next call", () => {
  const s = new Scheduler(1000, 0);
  assert.equal(s.due(99.5, 30).count, 30);
  s.consume(30);
  const rest = s.due(99.5, 1000);
  assert.equal(rest.count, 70);
  assert.equal(rest.firstIntendedMs, 30);
});

test("backlog beyond maxBacklogMs is skipped and counted, never silently dropped", () => {
  const s = new Scheduler(1000, 0, 1000);
  const due = s.due(5000, 1_000_000);
  assert.equal(due.count, 1000);
  assert.equal(s.skipped, 4001);
  s.consume(due.count);
  assert.equal(s.due(5000, 10).count, 0);
});

test("pausing stops emission and the paused time is not owed afterwards", () => {
  const s = new Scheduler(100, 0);
  assert.equal(emitOver(s, 0, 1000, 10), 101);
  s.pause(1000);
  assert.equal(emitOver(s, 1000, 3000, 10), 0);
  s.resume(3000);
  assert.equal(emitOver(s, 3000, 4000, 10), 101);
  assert.equal(s.skipped, 0);
});

test("changing the rate applies from that moment on", () => {
  const s = new Scheduler(100, 0);
  const before = emitOver(s, 0, 999, 1);
  s.setRate(1000, 1000);
  const after = emitOver(s, 1000, 1999, 1);
  assert.equal(before, 100);
  assert.ok(after >= 999 && after <= 1001, `after ${after}`);
});

test('"max" returns the whole limit, with no intended time', () => {
  const s = new Scheduler("max", 0);
  const due = s.due(5, 512);
  assert.equal(due.count, 512);
  assert.ok(Number.isNaN(due.firstIntendedMs));
});

test("above 1M/s with epoch-ms times, a run with an end can always tell it is done", () => {
  // Issue 8, defect 2: the spacing (0.5 µs) is finer than an epoch-ms double resolves, and the old
  // end test compared intended times, so "done" never came and the run spun forever.
  for (const rate of [1_000_001, 2_000_000, 7_654_321, 1e9]) {
    const start = 1_764_590_000_000.123;
    const end = start + 2000;
    const s = new Scheduler(rate, start);
    let emitted = 0;
    for (let t = start; t < end + 50; t += 37.7) {
      const due = s.due(t, 100_000, end);
      s.consume(due.count);
      emitted += due.count;
    }
    s.skipBefore(end);
    assert.equal(s.doneBefore(end), true, `rate ${rate}`);
    assert.equal(s.due(end + 60, 100_000, end).count, 0, `rate ${rate}`);
    // Every event intended before the end is either emitted or counted as skipped.
    assert.ok(Math.abs(emitted + s.skipped - rate * 2) <= 1, `rate ${rate}: ${emitted} + ${s.skipped}`);
  }
});

test("paused, at rate max or at rate 0 there is nothing left to wait for at the end", () => {
  const paused = new Scheduler(1000, 0);
  paused.pause(500);
  assert.equal(paused.doneBefore(2000), true);
  const max = new Scheduler("max", 0);
  assert.equal(max.doneBefore(2000), true);
  assert.equal(max.due(2000, 512, 2000).count, 0);
  assert.equal(max.due(1999, 512, 2000).count, 512);
  assert.equal(new Scheduler(0, 0).doneBefore(2000), true);
});

test("at a plain rate the end bound emits exactly what is intended before it", () => {
  const s = new Scheduler(1000, 0);
  assert.equal(emitOver(s, 0, 5000, 1), 5001);
  const t = new Scheduler(1000, 0);
  let total = 0;
  for (let now = 0; now <= 5000; now += 3) {
    const due = t.due(now, 1_000_000, 2000);
    t.consume(due.count);
    total += due.count;
  }
  assert.equal(total, 2000);
  assert.equal(t.doneBefore(2000), true);
  assert.equal(t.skipped, 0);
});
