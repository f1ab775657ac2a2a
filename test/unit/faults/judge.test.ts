import assert from "node:assert/strict";
import { test } from "node:test";
import { judgeCell, parseTotalLine, type CellObservation, type RateSample } from "../../../scripts/faults/judge.ts";
import { MODES } from "../../../scripts/faults/modes.ts";

const mode = (name: string) => MODES.find((m) => m.name === name)!;
const T0 = 1_000_000;

/** One sample a second from T0 to T0 + 60 s, at `rateAt(second)`. */
const samples = (rateAt: (s: number) => number): RateSample[] =>
  Array.from({ length: 60 }, (_, s) => ({ atMs: T0 + (s + 1) * 1000, generated: rateAt(s), acked: rateAt(s) }));

function observation(over: Partial<CellObservation> = {}): CellObservation {
  return {
    mode: mode("acks all"),
    totals: { generated: 1000, acked: 990, failed: 10, unsent: 0 },
    verify: { lost: 0, indeterminate: 3, notAcked: 7, duplicates: 2, outOfOrder: 0 },
    targetRate: 10_000,
    // the fault at 20 s, a new leader at 30 s, the rate back at 33 s
    samples: samples((s) => (s < 20 || s >= 32 ? 10_000 : 2_000)),
    times: { node: 2, injectedMs: T0 + 20_500, electedMs: T0 + 30_000, healedMs: T0 + 31_000 },
    ...over,
  };
}

test("a clean cell passes; recovery is measured from the election", () => {
  const r = judgeCell(observation());
  assert.deepEqual(r.failures, []);
  assert.equal(r.pass, true);
  assert.equal(r.recoveryS, 3);
});

test("every record must be accounted for", () => {
  const r = judgeCell(observation({ totals: { generated: 1000, acked: 980, failed: 10, unsent: 0 } }));
  assert.deepEqual(r.failures, ["not accounted for: generated 1000 ≠ acked 980 + failed 10 + unsent 0"]);
});

test("acked loss fails acks all and idempotent, not acks 1 (it is reported there)", () => {
  const verify = { lost: 57, indeterminate: 0, notAcked: 0, duplicates: 0, outOfOrder: 0 };
  assert.deepEqual(judgeCell(observation({ verify })).failures, ["57 acked records missing"]);
  assert.deepEqual(judgeCell(observation({ verify, mode: mode("idempotent") })).failures, ["57 acked records missing"]);
  assert.deepEqual(judgeCell(observation({ verify, mode: mode("acks 1") })).failures, []);
});

test("duplicates and reordering fail only the idempotent mode", () => {
  const verify = { lost: 0, indeterminate: 0, notAcked: 0, duplicates: 2, outOfOrder: 5 };
  assert.deepEqual(judgeCell(observation({ verify, mode: mode("idempotent") })).failures, [
    "2 duplicates",
    "5 out of order",
  ]);
  assert.equal(judgeCell(observation({ verify })).pass, true);
});

test("verify giving up is a failure of the cell, whatever the mode", () => {
  const verify = {
    gaveUp: "exit 1: gave up ...",
    lost: 0,
    indeterminate: 0,
    notAcked: 0,
    duplicates: 0,
    outOfOrder: 0,
  };
  assert.deepEqual(judgeCell(observation({ verify, mode: mode("acks 1") })).failures, [
    "verify gave no verdict: exit 1: gave up ...",
  ]);
});

test("the rate must be back within 15 s of the election; a machine that never reached the target is held to what it did before", () => {
  const slow = judgeCell(observation({ samples: samples((s) => (s < 20 || s >= 50 ? 10_000 : 2_000)) }));
  assert.deepEqual(slow.failures, ["back at 9000/s only 21 s after the election"]);
  const never = judgeCell(observation({ samples: samples((s) => (s < 20 ? 10_000 : 2_000)) }));
  assert.deepEqual(never.failures, ["never back at 9000/s after the fault"]);
  const weakMachine = judgeCell(observation({ samples: samples((s) => (s < 20 || s >= 32 ? 6_000 : 1_000)) }));
  assert.equal(weakMachine.referenceRate, 5_400);
  assert.equal(weakMachine.recoveryS, 3);
  // no election seen (the node woke up first): measured from its return
  assert.equal(
    judgeCell(observation({ times: { node: 1, injectedMs: T0 + 20_500, electedMs: undefined, healedMs: T0 + 31_000 } }))
      .recoveryS,
    2,
  );
});

test("headless total lines are parsed; other lines are not", () => {
  assert.deepEqual(
    parseTotalLine("[  12.0s] total target 10,000/s generated 9,989 ev/s acked 10,298 rec/s behind 25", 5),
    { atMs: 5, generated: 9989, acked: 10298 },
  );
  assert.equal(parseTotalLine("[  12.0s] x.device-data records 909 909 rec/s 0.46 MB/s", 5), undefined);
});
