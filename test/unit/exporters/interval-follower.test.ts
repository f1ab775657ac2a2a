import assert from "node:assert/strict";
import { test } from "node:test";
import type { IntervalHistograms } from "../../../src/engine/snapshot.ts";
import { IntervalFollower } from "../../../src/exporters/interval-follower.ts";

const interval = (seq: number): IntervalHistograms => ({
  seq,
  startMs: seq * 1000,
  endMs: seq * 1000 + 1000,
  topics: [],
});
const window = (from: number, to: number): IntervalHistograms[] =>
  Array.from({ length: to - from + 1 }, (_, k) => interval(from + k));

test("each interval is handed out once; those that left the window unseen are counted as missed", () => {
  const f = new IntervalFollower();
  assert.deepEqual(
    f.take(window(1, 3)).map((i) => i.seq),
    [1, 2, 3],
  );
  assert.deepEqual(f.take(window(1, 3)), []);
  assert.deepEqual(
    f.take(window(2, 5)).map((i) => i.seq),
    [4, 5],
  );
  assert.equal(f.missed, 0);
  assert.deepEqual(
    f.take(window(9, 12)).map((i) => i.seq),
    [9, 10, 11, 12],
  );
  assert.equal(f.missed, 3);
});
