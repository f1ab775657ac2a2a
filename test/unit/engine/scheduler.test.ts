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
