import { test } from "node:test";
import assert from "node:assert/strict";
import { Engine } from "../../../src/engine/engine.ts";
import { DryRunSink } from "../../../src/engine/dry-run-sink.ts";
import type { OutRecord, ProduceSink } from "../../../src/engine/sink.ts";
import { counterModel, settings } from "./fixtures.ts";

class ScriptedSink implements ProduceSink {
  readonly kind = "fake";
  sent = 0;
  constructor(private readonly behaviour: "fail" | "hang") {}
  async connect(): Promise<void> {}
  async prepareTopics(): Promise<string[]> {
    return [];
  }
  send(_topic: string, records: OutRecord[]): Promise<void> {
    this.sent += records.length;
    if (this.behaviour === "hang") return new Promise(() => undefined);
    return Promise.reject(Object.assign(new Error("not the leader"), { code: "NOT_LEADER_OR_FOLLOWER" }));
  }
  async close(): Promise<void> {}
}

test("--count stops after exactly that many events, every one acked", async () => {
  const engine = new Engine({ settings: settings({ count: 12_345 }), model: counterModel(), sink: new DryRunSink() });
  await engine.start();
  const final = await engine.done;
  assert.equal(final.totals.generated, 12_345);
  assert.equal(final.totals.acked, 12_345);
  assert.equal(final.totals.failed + final.totals.unsent + final.totals.inFlight, 0);
  assert.equal(final.state, "stopped");
  assert.ok(final.topics[0]!.latency.count === 12_345);
});

test("a rejected batch is counted as failed with the broker's error code", async () => {
  const engine = new Engine({
    settings: settings({ count: 1000 }),
    model: counterModel(),
    sink: new ScriptedSink("fail"),
  });
  await engine.start();
  const final = await engine.done;
  assert.equal(final.totals.generated, 1000);
  assert.equal(final.totals.failed, 1000);
  assert.equal(final.totals.acked, 0);
  assert.deepEqual(
    final.errors.map((e) => [e.code, e.count]),
    [["NOT_LEADER_OR_FOLLOWER", 1000]],
  );
});

test("records never answered are reported as unsent when the flush times out", async () => {
  const sink = new ScriptedSink("hang");
  const engine = new Engine({ settings: settings({ count: 5000 }), model: counterModel(), sink, flushTimeoutMs: 200 });
  await engine.start();
  await new Promise((r) => setTimeout(r, 50));
  const final = await engine.stop();
  assert.equal(final.totals.acked + final.totals.failed, 0);
  assert.equal(final.totals.unsent, final.totals.generated);
  assert.ok(final.totals.generated > 0);
  assert.equal(final.totals.inFlight, 0);
});

test("back-pressure: with every request slot hung, generation stops at a bounded number", async () => {
  const sink = new ScriptedSink("hang");
  const engine = new Engine({ settings: settings(), model: counterModel(), sink, flushTimeoutMs: 50 });
  await engine.start();
  await new Promise((r) => setTimeout(r, 300));
  const mid = engine.snapshot();
  // 2 slots × 4 KiB batches + one full open batch: a few hundred records, not millions.
  assert.ok(mid.totals.generated < 1000, `generated ${mid.totals.generated}`);
  await engine.stop();
});

test("commands: nudge, set and pause are applied and reported", async () => {
  const engine = new Engine({ settings: settings({ rate: 1000 }), model: counterModel(), sink: new DryRunSink() });
  await engine.start();
  assert.equal(engine.dispatch({ type: "nudgeRate", percent: 10 }).message, "target rate 1100/s (+10%)");
  assert.equal(engine.snapshot().effectiveRate, 1100);
  assert.equal(engine.dispatch({ type: "setRate", rate: -5 }).ok, false);
  engine.dispatch({ type: "pause" });
  assert.equal(engine.snapshot().state, "paused");
  const before = engine.snapshot().totals.generated;
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(engine.snapshot().totals.generated, before);
  engine.dispatch({ type: "resume" });
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(engine.snapshot().totals.generated > before);
  await engine.stop();
});

test("the snapshot's target follows the latest request; the per-device cap is applied and said", async () => {
  const base = settings({ rate: "max" });
  const capped = { ...base, scenario: { ...base.scenario, devices: 10, maxRatePerDevice: 2 } };
  const engine = new Engine({ settings: capped, model: counterModel(), sink: new DryRunSink() });
  await engine.start();
  assert.equal(engine.snapshot().targetRate, "max");
  assert.equal(engine.snapshot().effectiveRate, 20);
  engine.dispatch({ type: "setRate", rate: 5 });
  assert.equal(engine.snapshot().targetRate, 5);
  assert.equal(engine.snapshot().effectiveRate, 5);
  engine.dispatch({ type: "setRate", rate: 500 });
  assert.equal(engine.snapshot().effectiveRate, 20);
  assert.match(engine.snapshot().notice, /target rate 20\/s \(capped/);
  await engine.stop();
});
