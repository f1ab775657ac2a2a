import assert from "node:assert/strict";
import { test } from "node:test";
import { FollowTracker } from "../../../src/e2e/follow-tracker.ts";

const at = (sendMs: number, intendedMs = sendMs) => ({ sendMs, intendedMs });

test("a record in then out is matched once, with send→out and intended→out measured", () => {
  const k = new FollowTracker(1000);
  k.noteIn("1:0", at(100, 90), 110);
  assert.equal(k.notYetOut, 1);
  k.noteOut("1:0", undefined, 160);
  assert.deepEqual([k.expected, k.matched, k.notYetOut, k.neverOut, k.duplicated, k.foreign], [1, 1, 0, 0, 0, 0]);
  assert.equal(k.sendToOut.stats().stats.max, 60);
  assert.equal(k.intendedToOut.stats().stats.max, 70);
});

test("a second copy out is a duplicate; out before in (read side by side) still matches", () => {
  const k = new FollowTracker(1000);
  k.noteIn("1:0", at(100), 105);
  k.noteOut("1:0", at(100), 150);
  k.noteOut("1:0", at(100), 151);
  k.noteOut("2:0", at(120), 170);
  k.noteIn("2:0", at(120), 175);
  assert.deepEqual([k.matched, k.duplicated, k.foreign, k.notYetOut], [2, 1, 0, 0]);
  assert.equal(k.sendToOut.stats().stats.max, 50);
});

test("not out within the grace: never out, named; a late arrival is taken back off never out", () => {
  const k = new FollowTracker(1000);
  k.noteIn("1:0", at(0), 10);
  k.noteIn("1:1", at(0), 10);
  k.sweep(500);
  assert.deepEqual([k.notYetOut, k.neverOut], [2, 0]);
  k.sweep(1011);
  assert.deepEqual([k.notYetOut, k.neverOut], [0, 2]);
  assert.deepEqual(k.neverOutExamples(), ["1:0", "1:1"]);
  k.noteOut("1:1", undefined, 3000);
  assert.deepEqual([k.matched, k.neverOut], [1, 1]);
});

test("an output matching nothing sent is foreign once the grace has passed", () => {
  const k = new FollowTracker(100);
  k.noteOut("9:9", undefined, 0);
  assert.equal(k.foreign, 0);
  assert.equal(k.settled, false);
  k.sweep(200);
  assert.equal(k.foreign, 1);
  assert.equal(k.settled, true);
});

test("surge's own duplicate in the input is expected out twice, not a pipeline duplicate", () => {
  const k = new FollowTracker(1000);
  k.noteIn("3:4", at(0), 1);
  k.noteIn("3:4", at(0), 1);
  k.noteOut("3:4", undefined, 5);
  k.noteOut("3:4", undefined, 6);
  assert.deepEqual([k.expected, k.matched, k.duplicated, k.notYetOut], [2, 2, 0, 0]);
});

test("negative latency (the reading clock behind) is counted apart, never clamped to 0", () => {
  const k = new FollowTracker(1000);
  k.noteIn("1:0", at(1000), 1000);
  k.noteOut("1:0", undefined, 700);
  const s = k.sendToOut.stats();
  assert.equal(s.negative, 1);
  assert.equal(s.mostNegativeMs, -300);
  assert.equal(s.stats.count, 0, "not recorded as 0");
});

test("a reset starts the since-the-start histogram and the negative count again", () => {
  const k = new FollowTracker(1000);
  k.noteIn("1:0", at(0), 0);
  k.noteOut("1:0", undefined, 40);
  k.noteIn("1:1", at(100), 100);
  k.noteOut("1:1", undefined, 50);
  assert.deepEqual([k.sendToOut.stats().stats.count, k.sendToOut.stats().negative], [1, 1]);
  k.sendToOut.reset();
  assert.deepEqual([k.sendToOut.stats().stats.count, k.sendToOut.stats().negative], [0, 0]);
  assert.equal(k.sendToOut.interval.count, 1, "the interval in progress is kept for the exporters");
});
