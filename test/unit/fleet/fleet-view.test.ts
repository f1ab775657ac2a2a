import assert from "node:assert/strict";
import { test } from "node:test";
import { FleetView, GONE_MS, LATE_MS } from "../../../src/fleet/fleet-view.ts";
import type { FleetMessage } from "../../../src/fleet/message.ts";
import { parseFleetMessage } from "../../../src/fleet/message.ts";
import { LatencyHistogram } from "../../../src/metrics/latency-histogram.ts";
import { Random } from "../../../src/sim/random.ts";

function histogramOf(samples: readonly number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const ms of samples) h.recordMs(ms);
  return h;
}

function message(
  instance: string,
  seq: number,
  atMs: number,
  acked: number,
  samples: readonly number[],
  kind: FleetMessage["kind"] = "interval",
): FleetMessage {
  const h = histogramOf(samples);
  return {
    v: 1,
    fleet: "f",
    run: "r1",
    instance,
    host: "box",
    segment: instance,
    kind,
    seq,
    atMs,
    state: "running",
    targetRate: 100,
    topics: [{ name: "data", generated: acked, acked, failed: 0, unsent: 0, bytes: acked * 10 }],
    intervals: [
      {
        startMs: atMs - 1000,
        endMs: atMs,
        topics: [
          {
            name: "data",
            latency: h.encode(),
            latencySumMicros: h.sumMicros,
            late: h.encode(),
            lateSumMicros: h.sumMicros,
          },
        ],
      },
    ],
  };
}

test("merged percentiles are those of one histogram of every sample (never averaged): p99 ≤ max", () => {
  const random = new Random(11);
  // Three instances with very different latencies: averaging their p99s would be far off.
  const samples = [0, 1, 2].map((i) => Array.from({ length: 3000 }, () => (i + 1) ** 3 * (1 + random.next() * 10)));
  const view = new FleetView("f");
  samples.forEach((s, i) => view.add(message(`i${i}`, 1, 10_000, 3000, s)));
  const merged = view.topics()[0];
  assert.ok(merged);
  // One histogram of all samples, shipped as the instances ship theirs (HDR keeps 3 digits: a
  // decoded max is its bucket's top, within 0.1 % of the largest sample).
  const one = histogramOf(samples.flat());
  const all = LatencyHistogram.decode(one.encode(), one.sumMicros).stats();
  assert.ok(Math.abs(all.max - one.stats().max) <= one.stats().max * 0.001);
  assert.equal(merged.latency.count, 9000);
  assert.equal(merged.latency.p50, all.p50);
  assert.equal(merged.latency.p99, all.p99);
  assert.equal(merged.latency.max, all.max);
  assert.ok(merged.latency.p99 <= merged.latency.max);
  assert.equal(merged.counts.acked, 9000);
});

test("counters are each instance's latest, summed; a repeated message counts once; a newer run replaces an older", () => {
  const view = new FleetView("f");
  view.add(message("a", 1, 1000, 100, [1]));
  view.add(message("a", 2, 2000, 250, [1]));
  view.add(message("a", 2, 2000, 250, [1]));
  view.add(message("b", 1, 2000, 50, [1]));
  assert.equal(view.topics()[0]?.counts.acked, 300);
  assert.equal(view.topics()[0]?.latency.count, 3, "the repeat's histogram is not added twice");
  assert.equal(view.ignored, 1);
  assert.equal(view.rows(2000).find((r) => r.instance === "a")?.rate, 150);
  view.add({ ...message("c", 1, 5000, 7, [1]), run: "r2" });
  assert.equal(view.run, "r2");
  assert.deepEqual(
    view.rows(5000).map((r) => r.instance),
    ["c"],
  );
  view.add({ ...message("x", 1, 6000, 1, [1]), fleet: "other" });
  assert.equal(view.ignored, 2);
});

test("an instance silent for a while is late, then gone; a final message is finished", () => {
  const view = new FleetView("f");
  view.add(message("a", 1, 1000, 1, [1]));
  view.add(message("b", 1, 1000, 1, [1], "final"));
  const status = (now: number) => view.rows(now).map((r) => `${r.instance}:${r.status}`);
  assert.deepEqual(status(1000 + LATE_MS - 1), ["a:running", "b:finished"]);
  assert.deepEqual(status(1000 + LATE_MS), ["a:late", "b:finished"]);
  assert.deepEqual(status(1000 + GONE_MS), ["a:gone", "b:finished"]);
  assert.equal(view.finished, false);
  view.add(message("a", 2, 7000, 2, [1], "final"));
  assert.equal(view.finished, true);
});

test("only fleet messages are taken from the topic", () => {
  assert.equal(parseFleetMessage("{"), undefined);
  assert.equal(parseFleetMessage(JSON.stringify({ v: 2, fleet: "f" })), undefined);
  const m = message("a", 1, 1, 1, [1]);
  assert.deepEqual(parseFleetMessage(JSON.stringify(m)), m);
});
