import { test } from "node:test";
import assert from "node:assert/strict";
import { attributeTopic, type TopicVerdict } from "../../../src/verify/attribute.ts";
import type { AnomalyRecord, TopicTotals } from "../../../src/truth/records.ts";
import { anomaly, fleet, START_MS, tallyOf, type Sent } from "./fabricate.ts";
import type { RunTally } from "../../../src/verify/run-tally.ts";

function verdict(tally: RunTally, totals: TopicTotals | undefined, anomalies: AnomalyRecord[] = []): TopicVerdict {
  return attributeTopic({ tally, topic: 0, name: "data", role: "data", anomalies, totals });
}

test("a clean run: everything received once, in order, nothing missing", () => {
  for (const roundRobin of [false, true]) {
    const f = fleet({ devices: 50, rounds: 40, partitions: 3, roundRobin });
    const v = verdict(tallyOf(50, f.partitions), f.totals);
    assert.equal(v.received, 2000);
    assert.equal(v.distinct, 2000);
    assert.equal(v.built, 2000);
    assert.deepEqual(v.missing, {
      total: 0,
      inGaps: 0,
      afterLast: 0,
      holes: 0,
      injected: 0,
      agedOut: 0,
      compacted: 0,
      notAcked: 0,
      indeterminate: 0,
      unexplained: 0,
      examples: [],
    });
    assert.deepEqual(v.duplicates, { total: 0, injected: 0, unexplained: 0 });
    assert.deepEqual(v.outOfOrder, { total: 0, injected: 0, unexplained: 0 });
  }
});

test("injected dropout and duplicate are attributed to the injection, round-robin or keyed", () => {
  // Devices 10-19 silent for rounds 10-19 (1000-2000 ms), devices 0-4 duplicated for rounds 5-14.
  const anomalies = [
    anomaly(1, "dropout", 10, 10, START_MS + 1000, START_MS + 2000),
    anomaly(2, "duplicate", 0, 5, START_MS + 500, START_MS + 1500),
  ];
  for (const roundRobin of [false, true]) {
    const f = fleet({ devices: 50, rounds: 40, partitions: 3, roundRobin, anomalies });
    assert.equal(f.totals.dropped, 100);
    assert.equal(f.totals.duplicated, 50);
    const v = verdict(tallyOf(50, f.partitions, 7), f.totals, anomalies);
    assert.equal(v.missing.total, 100);
    assert.equal(v.missing.holes, 10);
    assert.equal(v.missing.injected, 100);
    assert.equal(v.missing.unexplained, 0);
    assert.deepEqual(v.duplicates, { total: 50, injected: 50, unexplained: 0 });
    assert.equal(v.outOfOrder.total, 0);
  }
});

test("a dropout still on when the run stopped leaves its hole after the last record: injected", () => {
  const anomalies = [anomaly(1, "dropout", 0, 5, START_MS + 3000, START_MS + 60_000)];
  const f = fleet({ devices: 20, rounds: 40, partitions: 2, anomalies });
  const v = verdict(tallyOf(20, f.partitions), f.totals, anomalies);
  assert.equal(v.missing.inGaps, 0);
  assert.equal(v.missing.afterLast, 50);
  assert.equal(v.missing.injected, 50);
  assert.equal(v.missing.unexplained, 0);
});

test("records deleted from the head of a partition are unexplained loss, named by device and range", () => {
  const f = fleet({ devices: 30, rounds: 20, partitions: 3 });
  // Partition 1 holds devices 1, 4, 7, ...: drop its first 25 records (rounds 0-2 of 10 devices, minus 5).
  f.partitions[1] = f.partitions[1]!.slice(25);
  const v = verdict(tallyOf(30, f.partitions), f.totals);
  assert.equal(v.missing.total, 25);
  assert.equal(v.missing.injected, 0);
  assert.equal(v.missing.unexplained, 25);
  assert.deepEqual(v.missing.examples.slice(0, 2), [
    { device: 1, from: 0, to: 3 },
    { device: 4, from: 0, to: 3 },
  ]);
});

test("loss inside a dropout window beyond what was dropped is not hidden by the injection", () => {
  const anomalies = [anomaly(1, "dropout", 0, 10, START_MS + 1000, START_MS + 2000)];
  const f = fleet({ devices: 10, rounds: 30, partitions: 1, anomalies });
  // Also lose round 21 of device 3 (just after the window: it merges into the dropout's hole).
  f.partitions[0] = f.partitions[0]!.filter((r) => !(r.facts.device === 3 && r.facts.seq === 20));
  const v = verdict(tallyOf(10, f.partitions), f.totals, anomalies);
  assert.equal(v.missing.total, 101);
  assert.equal(v.missing.injected, 100);
  assert.equal(v.missing.unexplained, 1);
});

test("a hole far from any dropout window, on a device the dropout hit, is unexplained", () => {
  const anomalies = [anomaly(1, "dropout", 0, 10, START_MS + 1000, START_MS + 1500)];
  const f = fleet({ devices: 10, rounds: 100, partitions: 1, anomalies });
  const lost = f.partitions[0]!.filter((r) => r.facts.seq === 80);
  f.partitions[0] = f.partitions[0]!.filter((r) => r.facts.seq !== 80);
  // Without run-end totals the cap is gone: only the time window separates the two.
  const v = verdict(tallyOf(10, f.partitions), undefined, anomalies);
  assert.equal(lost.length, 10);
  assert.equal(v.missing.afterLast, undefined);
  assert.equal(v.missing.total, 60);
  assert.equal(v.missing.injected, 50);
  assert.equal(v.missing.unexplained, 10);
});

test("records lost after each device's last received one count only through the run-end totals", () => {
  const f = fleet({ devices: 10, rounds: 10, partitions: 1 });
  f.partitions[0] = f.partitions[0]!.slice(0, 95);
  assert.equal(verdict(tallyOf(10, f.partitions), f.totals).missing.unexplained, 5);
  assert.equal(verdict(tallyOf(10, f.partitions), undefined).missing.total, 0);
});

test("records the run reported as failed are missing but not unexplained", () => {
  const f = fleet({ devices: 10, rounds: 10, partitions: 1 });
  f.partitions[0] = f.partitions[0]!.slice(0, 90);
  const totals = { ...f.totals, acked: 90, failed: 10 };
  const v = verdict(tallyOf(10, f.partitions), totals);
  assert.equal(v.missing.total, 10);
  assert.equal(v.missing.notAcked, 10);
  assert.equal(v.missing.unexplained, 0);
});

test("a duplicate nobody injected is unexplained", () => {
  const f = fleet({ devices: 5, rounds: 10, partitions: 1 });
  const p = f.partitions[0]!;
  p.push({ ...p[7]! });
  const v = verdict(tallyOf(5, f.partitions), f.totals);
  assert.deepEqual(v.duplicates, { total: 1, injected: 0, unexplained: 1 });
  assert.equal(v.missing.total, 0);
});

test("out-of-order is judged within a partition only, and is not a duplicate", () => {
  // Device 0 over two partitions: p0 gets 0,2,4..., p1 gets 1,3,5... and p1 is read entirely first.
  const records = (seqs: number[], partition: number): Sent[] =>
    seqs.map((s) => ({
      partition,
      facts: { ours: true, device: 0, seq: s, anomaly: undefined, timestampMs: START_MS + s },
    }));
  const even = [0, 2, 4, 6, 8];
  const odd = [1, 3, 5, 7, 9];
  const v1 = verdict(tallyOf(1, [records(even, 0), records(odd, 1)], 100), undefined);
  assert.equal(v1.outOfOrder.total, 0);
  assert.equal(v1.missing.total, 0);
  // Within one partition, 5 after 6 is out of order (a producer retry reordered them).
  const v2 = verdict(tallyOf(1, [records([0, 1, 2, 3, 4, 6, 5, 7], 0)]), undefined);
  assert.deepEqual(v2.outOfOrder, { total: 1, injected: 0, unexplained: 1 });
  assert.equal(v2.duplicates.total, 0);
});

test("records of other runs are skipped and bad headers counted, not tracked", () => {
  const f = fleet({ devices: 2, rounds: 3, partitions: 1 });
  const p = f.partitions[0]!;
  p.push({ partition: 0, facts: { ours: false, device: 0, seq: 99, anomaly: undefined, timestampMs: START_MS } });
  p.push({ partition: 0, facts: { ours: false, device: -1, seq: -1, anomaly: undefined, timestampMs: START_MS } });
  p.push({ partition: 0, facts: { ours: true, device: 7, seq: 0, anomaly: undefined, timestampMs: START_MS } });
  p.push({ partition: 0, facts: { ours: true, device: 1, seq: -1, anomaly: undefined, timestampMs: START_MS } });
  const v = verdict(tallyOf(2, f.partitions), f.totals);
  assert.equal(v.otherRuns, 2);
  assert.equal(v.unreadable, 2);
  assert.equal(v.received, 8);
  assert.equal(v.distinct, 6);
  assert.equal(v.missing.total, 0);
});
