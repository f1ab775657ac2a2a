import { test } from "node:test";
import assert from "node:assert/strict";
import { AckedOffsets } from "../../../src/engine/acked-offsets.ts";

test("one span per partition per interval: first, last and count of what was acked; other topics ignored", () => {
  const a = new AckedOffsets(new Set(["data"]), 1000);
  assert.equal(a.take(1500), undefined);
  a.note("data", 0, 0, 10);
  a.note("data", 0, 10, 5);
  a.note("data", 2, 100, 3);
  a.note("truth", 0, 0, 1);
  // A retried batch acked after a later one.
  a.note("data", 2, 90, 2);
  assert.deepEqual(a.take(2000.4), {
    fromMs: 1500,
    toMs: 2001,
    topics: {
      data: [
        [0, 0, 14, 15],
        [2, 90, 102, 5],
      ],
    },
  });
  a.note("data", 0, 15, 1);
  assert.deepEqual(a.take(3000), { fromMs: 2000, toMs: 3000, topics: { data: [[0, 15, 15, 1]] } });
});
