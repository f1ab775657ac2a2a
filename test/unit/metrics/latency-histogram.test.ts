/** stats() must stay cheap enough for a 10 Hz dashboard and still report what was recorded. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { LatencyHistogram } from "../../../src/metrics/latency-histogram.ts";

test("mean is exact and follows add() and reset()", () => {
  const a = new LatencyHistogram();
  a.recordMs(1);
  a.recordMs(3);
  a.recordMsWithCount(10, 2);
  assert.equal(a.stats().mean, 6);
  const b = new LatencyHistogram();
  b.recordMs(24);
  a.add(b);
  assert.equal(a.stats().mean, 9.6);
  a.reset();
  assert.equal(a.stats().count, 0);
  a.recordMs(2);
  assert.equal(a.stats().mean, 2);
});

test("named percentiles are the distribution's entries, max is the largest value", () => {
  const h = new LatencyHistogram();
  for (let i = 1; i <= 10_000; i++) h.recordMs(i / 100);
  const s = h.stats();
  const of = (p: number): number => s.distribution.find(([q]) => q === p)?.[1] ?? NaN;
  assert.deepEqual([s.p50, s.p90, s.p99, s.p999, s.p9999], [of(50), of(90), of(99), of(99.9), of(99.99)]);
  assert.ok(Math.abs(s.p50 - 50) < 0.1 && Math.abs(s.p99 - 99) < 0.1, `${s.p50} ${s.p99}`);
  assert.ok(Math.abs(s.max - 100) < 0.1);
  assert.deepEqual(
    s.distribution.map(([p]) => p),
    [50, 75, 90, 95, 99, 99.9, 99.99],
  );
});

test("no percentile is reported above the largest value recorded", async () => {
  const { LatencyHistogram } = await import("../../../src/metrics/latency-histogram.ts");
  const h = new LatencyHistogram();
  for (let i = 0; i < 1000; i++) h.recordMs(5 + (i % 7) * 0.01);
  h.recordMs(30.7);
  const s = h.stats();
  assert.ok(
    s.distribution.every(([, ms]) => ms <= s.max),
    JSON.stringify(s.distribution),
  );
  assert.equal(s.p9999, s.max);
});
