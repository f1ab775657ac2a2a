import assert from "node:assert/strict";
import { test } from "node:test";
import { attributeTopic } from "../../../src/verify/attribute.ts";
import { judge, verdictLine } from "../../../src/verify/verdict.ts";
import type { RunStartRecord, TopicTotals } from "../../../src/truth/records.ts";
import { fleet, RUN, START_MS, tallyOf } from "./fabricate.ts";

const start = (producer?: RunStartRecord["producer"]): RunStartRecord => ({
  type: "run-start",
  run: RUN,
  scenario: "lab",
  seed: 1,
  devices: 10,
  topics: [{ role: "data", name: "d" }],
  startedMs: START_MS,
  ...(producer ? { producer } : {}),
});

/** A clean fleet, then `edit` changes what Kafka holds and what the run reported. */
function topic(edit: (records: ReturnType<typeof fleet>["partitions"][number], totals: TopicTotals) => void) {
  const f = fleet({ devices: 10, rounds: 10, partitions: 1, topic: "d" });
  edit(f.partitions[0]!, f.totals);
  return attributeTopic({
    tally: tallyOf(10, f.partitions),
    topic: 0,
    name: "d",
    role: "data",
    anomalies: [],
    totals: f.totals,
  });
}

test("records counted failed that Kafka has anyway are indeterminate: neither loss nor duplicates", () => {
  // 10 records the run counted failed (a timeout after the broker wrote them): all 100 are in Kafka.
  const t = topic((_records, totals) => Object.assign(totals, { acked: 90, failed: 10 }));
  assert.deepEqual(
    { ...t.missing, examples: [] },
    {
      total: 0,
      inGaps: 0,
      afterLast: 0,
      holes: 0,
      injected: 0,
      agedOut: 0,
      compacted: 0,
      notAcked: 0,
      indeterminate: 10,
      unexplained: 0,
      examples: [],
    },
  );
  assert.equal(t.duplicates.total, 0);
  // 4 of the 10 failed ones really are absent: 4 not acked, 6 indeterminate.
  const partly = topic((records, totals) => {
    records.splice(96, 4);
    Object.assign(totals, { acked: 90, failed: 10 });
  });
  assert.equal(partly.missing.notAcked, 4);
  assert.equal(partly.missing.indeterminate, 6);
  assert.equal(partly.missing.unexplained, 0);
});

test("retry duplicates are allowed without --idempotent, fail with it; reordering fails only with it", () => {
  const dup = topic((records) => records.push({ ...records[42]! }));
  const lenient = judge({
    start: start({ acks: 1, idempotent: false }),
    finished: true,
    topics: [dup],
    allowIncomplete: false,
  });
  assert.equal(lenient.status, "ok");
  assert.deepEqual(lenient.failures, []);
  assert.equal(
    verdictLine(lenient),
    "OK: nothing was lost that was not injected; allowed: duplicated 1 of d (retries without --idempotent may write a record twice)",
  );
  const strict = judge({
    start: start({ acks: -1, idempotent: true }),
    finished: true,
    topics: [dup],
    allowIncomplete: false,
  });
  assert.equal(strict.status, "failed");
  assert.deepEqual(strict.guarantee, { acks: "all", idempotent: true });
  assert.equal(
    verdictLine(strict),
    "FAILED: duplicated 1 of d (the run was --idempotent) (records no injection explains)",
  );

  const reordered = topic((records) => ([records[50], records[60]] = [records[60]!, records[50]!]));
  assert.ok(reordered.outOfOrder.unexplained > 0);
  assert.equal(
    judge({
      start: start({ acks: -1, idempotent: false }),
      finished: true,
      topics: [reordered],
      allowIncomplete: false,
    }).status,
    "ok",
  );
  assert.equal(
    judge({ start: start({ acks: -1, idempotent: true }), finished: true, topics: [reordered], allowIncomplete: false })
      .status,
    "failed",
  );
});

test("loss fails whatever the guarantee; runs from before the guarantee was recorded are judged as not idempotent", () => {
  const lost = topic((records) => records.splice(10, 3));
  for (const producer of [
    undefined,
    { acks: 1 as const, idempotent: false },
    { acks: -1 as const, idempotent: true },
  ]) {
    const v = judge({ start: start(producer), finished: true, topics: [lost], allowIncomplete: false });
    assert.equal(v.status, "failed");
    assert.deepEqual(v.failures, ["lost 3 of d"]);
  }
  assert.equal(judge({ start: start(), finished: true, topics: [lost], allowIncomplete: false }).guarantee, undefined);
});

test("a run without run-end is incomplete unless --allow-incomplete; real findings still say FAILED", () => {
  const clean = topic(() => undefined);
  const v = judge({ start: start(), finished: false, topics: [clean], allowIncomplete: false });
  assert.equal(v.status, "incomplete");
  assert.match(
    verdictLine(v),
    /^INCOMPLETE: the run wrote no run-end record .* \(--allow-incomplete accepts a partial account\)$/,
  );
  assert.equal(judge({ start: start(), finished: false, topics: [clean], allowIncomplete: true }).status, "ok");
  const lost = topic((records) => records.splice(10, 1));
  assert.equal(judge({ start: start(), finished: false, topics: [lost], allowIncomplete: false }).status, "failed");
});
