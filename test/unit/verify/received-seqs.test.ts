import { test } from "node:test";
import assert from "node:assert/strict";
import { ReceivedSeqs, type Gap } from "../../../src/verify/received-seqs.ts";
import { Random } from "../../../src/sim/random.ts";

const holes = (r: ReceivedSeqs, slot: number): Array<[number, number]> => [...r.gaps(slot)].map((g) => [g.from, g.to]);

test("in-order arrivals keep only the prefix: no holes, duplicates detected", () => {
  const r = new ReceivedSeqs(2);
  for (let s = 0; s < 1000; s++) assert.equal(r.add(1, s, s), true);
  assert.equal(r.add(1, 500, 0), false);
  assert.equal(r.add(1, 999, 0), false);
  assert.deepEqual(r.slotsWithGaps(), []);
  assert.equal(r.highest(1), 999);
  assert.equal(r.highest(0), -1);
});

test("a hole from the start, one in the middle, and their neighbours' timestamps", () => {
  const r = new ReceivedSeqs(1);
  for (const s of [3, 4, 5, 9, 10]) r.add(0, s, 100 + s);
  assert.deepEqual(holes(r, 0), [
    [0, 3],
    [6, 9],
  ]);
  const gaps: Gap[] = [...r.gaps(0)];
  assert.ok(Number.isNaN(gaps[0]?.tsBefore));
  assert.equal(gaps[0]?.tsAfter, 103);
  assert.equal(gaps[1]?.tsBefore, 105);
  assert.equal(gaps[1]?.tsAfter, 109);
  assert.equal(r.highest(0), 10);
  // Filling the holes merges everything back into the prefix.
  for (const s of [0, 1, 2, 6, 8, 7]) assert.equal(r.add(0, s, 0), true);
  assert.deepEqual(r.slotsWithGaps(), []);
  assert.equal(r.highest(0), 10);
  assert.equal(r.add(0, 7, 0), false);
});

test("duplicates inside runs above the prefix are recognised", () => {
  const r = new ReceivedSeqs(1);
  for (const s of [10, 11, 12, 20]) r.add(0, s, 0);
  assert.equal(r.add(0, 11, 0), false);
  assert.equal(r.add(0, 20, 0), false);
  assert.equal(r.add(0, 13, 0), true);
  assert.equal(r.add(0, 19, 0), true);
  assert.deepEqual(holes(r, 0), [
    [0, 10],
    [14, 19],
  ]);
});

test("order-independent: any shuffle of the same arrivals gives the same holes and duplicate count", () => {
  // One device over 3 round-robin partitions, with lost and duplicated sequence numbers.
  const sent: number[] = [];
  for (let s = 0; s < 3000; s++) {
    if (s >= 1200 && s < 1300) continue; // dropped
    if (s === 2500) continue; // lost
    sent.push(s);
    if (s % 97 === 0) sent.push(s); // a copy
  }
  const expectDup = sent.length - new Set(sent).size;
  const random = new Random(7);
  for (let round = 0; round < 5; round++) {
    const order = [...sent];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    const r = new ReceivedSeqs(1);
    let dups = 0;
    for (const s of order) if (!r.add(0, s, s)) dups++;
    assert.equal(dups, expectDup);
    assert.deepEqual(holes(r, 0), [
      [1200, 1300],
      [2500, 2501],
    ]);
    assert.equal(r.highest(0), 2999);
  }
});

test("memory stays with the holes: a million in-order records over many devices leave no runs", () => {
  const devices = 10_000;
  const r = new ReceivedSeqs(devices);
  for (let s = 0; s < 100; s++) for (let d = 0; d < devices; d++) r.add(d, s, s);
  assert.deepEqual(r.slotsWithGaps(), []);
  // One lost record per device leaves exactly one hole each, not one entry per later record.
  const r2 = new ReceivedSeqs(devices);
  for (let s = 0; s < 100; s++) for (let d = 0; d < devices; d++) if (s !== 10) r2.add(d, s, s);
  assert.equal(r2.slotsWithGaps().length, devices);
  assert.deepEqual(holes(r2, 1234), [[10, 11]]);
});
