/**
 * --workers' merge: intervals added per sequence number once every worker sent it (or finished),
 * the run's percentiles from the added histograms (equal to one histogram of all samples), counts
 * added, and a pool of fake threads driven like the engine: commands to all, done when all are.
 */
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { test } from "node:test";
import type { Snapshot, TopicSnapshot } from "../../../src/engine/snapshot.ts";
import { wireInterval } from "../../../src/fleet/interval-wire.ts";
import { IntervalMerger } from "../../../src/fleet/interval-merger.ts";
import { mergedState, mergeSnapshots } from "../../../src/fleet/merge-snapshots.ts";
import { WorkerPool, type WorkerThread } from "../../../src/fleet/worker-pool.ts";
import type { FromWorker, SeqInterval, ToWorker } from "../../../src/fleet/worker-messages.ts";
import { EMPTY_STATS, LatencyHistogram } from "../../../src/metrics/latency-histogram.ts";
import { Random } from "../../../src/sim/random.ts";

function histogramOf(samples: readonly number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const ms of samples) h.recordMs(ms);
  return h;
}

function interval(seq: number, samples: readonly number[]): SeqInterval {
  const latency = histogramOf(samples);
  const late = histogramOf(samples.map((s) => s / 2));
  return {
    ...wireInterval({ seq, startMs: seq * 1000, endMs: seq * 1000 + 1000, topics: [{ name: "data", latency, late }] }),
    seq,
  };
}

function topic(acked: number, inFlight = 0): TopicSnapshot {
  return {
    role: "data",
    name: "data",
    generated: acked + inFlight,
    acked,
    failed: 0,
    unsent: 0,
    inFlight,
    bytes: acked * 10,
    latency: EMPTY_STATS,
    late: EMPTY_STATS,
    window: { ackedPerSec: acked / 10, mbPerSec: 0, latency: EMPTY_STATS, late: EMPTY_STATS },
    history: [1, 2, 3],
    dropped: 0,
    duplicated: 0,
  };
}

function snapshot(acked: number, state: Snapshot["state"] = "running", inFlight = 0): Snapshot {
  const t = topic(acked, inFlight);
  return {
    scenario: "lab",
    runId: "r1",
    segment: "0:1/2",
    segmentDevices: 5,
    truthTopic: "surge.anomalies",
    profile: "",
    brokers: ["b:9092"],
    seed: 7,
    connection: "connected",
    state,
    takenMs: 0,
    elapsedMs: 1000,
    targetRate: 1000,
    effectiveRate: 500,
    generatedPerSec: 500,
    ackedPerSec: 500,
    behind: 1,
    totals: { generated: t.generated, acked, failed: 0, unsent: 0, inFlight, bytes: acked * 10 },
    topics: [t],
    errors: [{ topic: "data", code: "TIMEOUT", message: "slow", count: 2, lastSeenMs: 5 }],
    anomalies: [{ id: 1, kind: "spike", target: "5% of devices", startedMs: 1000, endsMs: 2000 }],
    events: [],
    notice: "",
    intervals: [],
  };
}

test("intervals merge per sequence number once every worker sent it, or finished", () => {
  const m = new IntervalMerger(2, ["data"]);
  m.add(0, [interval(1, [1, 2]), interval(2, [3])]);
  assert.equal(m.recent().length, 0, "worker 1 has sent nothing yet");
  m.add(1, [interval(1, [4])]);
  assert.equal(m.recent().length, 1);
  assert.equal(m.recent()[0]?.topics[0]?.latency.count, 3);
  m.finish(1);
  assert.equal(m.recent().length, 2, "a finished worker is not waited for");
  assert.equal(m.run.latencyOf("data").count, 4);
});

test("merged percentiles are those of one histogram of all the samples, never averaged", () => {
  const random = new Random(3);
  const samples = [0, 1, 2].map((w) => Array.from({ length: 2000 }, () => random.next() * (w + 1) * 50));
  const m = new IntervalMerger(3, ["data"]);
  samples.forEach((s, w) => m.add(w, [interval(1, s)]));
  const all = histogramOf(samples.flat()).stats();
  const merged = mergeSnapshots({
    parts: [snapshot(10), snapshot(20), snapshot(30)],
    run: m.run,
    intervals: m.recent(),
    segment: undefined,
    events: [],
    notice: "",
    nowMs: 5,
  });
  const t = merged.topics[0];
  assert.ok(t);
  // Equal to one histogram of all samples; the max only within HDR's precision (it travels encoded).
  const pick = (s: typeof all) => ({ count: s.count, p50: s.p50, p90: s.p90, p99: s.p99, p999: s.p999, mean: s.mean });
  assert.deepEqual(pick(t.latency), pick(all));
  const { max, p9999 } = t.latency;
  assert.ok(Math.abs(max - all.max) <= all.max * 0.001, `max ${max} vs ${all.max}`);
  assert.ok(t.latency.p99 <= max && p9999 <= max);
  assert.equal(t.window.latency.p99, all.p99, "the window is the last merged interval");
  assert.equal(t.acked, 60);
  assert.equal(merged.totals.acked, 60);
  assert.equal(merged.behind, 3);
  assert.equal(merged.effectiveRate, 1500);
  assert.equal(merged.targetRate, 1000, "the requested rate is the run's, on every worker");
  assert.deepEqual(t.history, [3, 6, 9]);
  assert.equal(merged.segment, undefined, "the workers' shares are not the instance's");
  assert.deepEqual(
    merged.errors.map((e) => e.count),
    [6],
  );
  assert.equal(merged.anomalies.length, 1, "the same anomaly on every worker is shown once");
});

test("the merged state is the least advanced one", () => {
  assert.equal(mergedState(["running", "stopped"]), "stopping");
  assert.equal(mergedState(["stopped", "stopped"]), "stopped");
  assert.equal(mergedState(["paused", "running"]), "running");
  assert.equal(mergedState(["paused", "paused"]), "paused");
});

/** A thread that answers like worker-entry.ts, by hand. */
class FakeThread extends EventEmitter {
  readonly got: ToWorker[] = [];
  terminated = false;
  postMessage(m: ToWorker): void {
    this.got.push(m);
  }
  say(m: FromWorker): void {
    this.emit("message", m);
  }
  terminate(): void {
    this.terminated = true;
  }
}

test("the pool starts every worker, sends commands to all and ends when all have flushed", async () => {
  const threads = [new FakeThread(), new FakeThread()];
  const spawned = WorkerPool.spawn({
    count: 2,
    runId: "r1",
    segment: undefined,
    spawn: (i) => threads[i] as unknown as WorkerThread,
  });
  for (const t of threads) t.say({ type: "ready", snapshot: snapshot(0, "starting") });
  const pool = await spawned;
  const started = pool.start();
  for (const t of threads) t.say({ type: "started", notes: ["topic data created"] });
  assert.deepEqual(await started, ["topic data created"], "the same note from each worker once");

  for (const t of threads) t.say({ type: "snapshot", snapshot: snapshot(100), intervals: [interval(1, [1, 2])] });
  assert.equal(pool.snapshot().totals.acked, 200);
  assert.equal(pool.snapshot().topics[0]?.latency.count, 4);

  const r = pool.dispatch({ type: "setRate", rate: 4000 });
  assert.ok(r.ok);
  for (const t of threads)
    assert.deepEqual(t.got.at(-1), { type: "command", id: 1, command: { type: "setRate", rate: 4000 } });
  pool.dispatch({ type: "togglePause" });
  for (const t of threads) assert.equal((t.got.at(-1) as { command?: { type: string } }).command?.type, "pause");

  const stopped = pool.stop();
  for (const t of threads) assert.equal(t.got.at(-1)?.type, "stop");
  threads[0]?.say({ type: "done", snapshot: snapshot(150, "stopped"), intervals: [interval(2, [3])] });
  assert.equal(pool.snapshot().state, "stopping");
  // The second worker dies before its final flush: what it had in flight counts as unsent.
  threads[1]?.say({ type: "snapshot", snapshot: snapshot(120, "stopping", 5), intervals: [] });
  threads[1]?.emit("exit", 1);
  const final = await stopped;
  assert.equal(final.state, "stopped");
  assert.equal(final.totals.acked, 270);
  assert.equal(final.totals.unsent, 5);
  assert.equal(final.totals.inFlight, 0);
  assert.equal(final.topics[0]?.latency.count, 5);
  assert.ok(final.events.some((e) => /worker 2 exited/.test(e.message)));
  assert.ok(threads.every((t) => t.terminated));
});
