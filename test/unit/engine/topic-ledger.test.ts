// A topic's ledger records ack latencies by runs of equal enqueue times: the same histogram as one entry per record.
import assert from "node:assert/strict";
import { test } from "node:test";
import { TopicLedger } from "../../../src/engine/topic-ledger.ts";
import { LatencyHistogram } from "../../../src/metrics/latency-histogram.ts";

test("acked latencies equal one histogram entry per record, runs of equal enqueue times or not", () => {
  const ledger = new TopicLedger("data", "t");
  const reference = new LatencyHistogram();
  let s = 3;
  const next = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  let clock = 1_000;
  for (let batch = 0; batch < 200; batch++) {
    const count = 1 + (next() % 300);
    const enqueued = new Float64Array(count);
    let at = clock;
    for (let i = 0; i < count; i++) {
      if (next() % 40 === 0) at += (next() % 900) / 100; // a new slice, sometimes a fraction of a ms later
      enqueued[i] = at;
    }
    clock = at + 1 + (next() % 50);
    for (let i = 0; i < count; i++) reference.recordMs(clock - enqueued[i]!);
    ledger.recordAcked(clock, enqueued, count, count * 100);
  }
  assert.equal(ledger.latency.count, reference.count);
  assert.equal(ledger.latency.sumMicros, reference.sumMicros);
  assert.equal(ledger.latency.encode(), reference.encode());
  assert.deepEqual(ledger.latency.stats(), reference.stats());
  assert.equal(ledger.acked, reference.count);
});
