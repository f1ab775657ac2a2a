/** Snapshot.intervals: each closed interval's histograms, numbered, bounded, adding up to the run. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DryRunSink } from "../../../src/engine/dry-run-sink.ts";
import { Engine } from "../../../src/engine/engine.ts";
import { counterModel, settings } from "./fixtures.ts";

async function run(intervalMs: number) {
  const engine = new Engine({
    settings: settings({ rate: 20_000, durationMs: 1500, intervalMs }),
    model: counterModel(),
    sink: new DryRunSink(),
  });
  await engine.start();
  return { engine, final: await engine.done };
}

test("closed intervals are numbered from 1 and add up to the whole run", async () => {
  const { engine, final } = await run(300);
  const seqs = final.intervals.map((i) => i.seq);
  assert.deepEqual(
    seqs,
    seqs.map((_, k) => k + 1),
    "all kept, numbered from 1",
  );
  assert.ok(seqs.length >= 4, `${seqs.length} intervals`);
  for (const i of final.intervals) assert.ok(i.endMs >= i.startMs);
  const topic = final.topics[0];
  assert.ok(topic && topic.acked > 0);
  const latencies = final.intervals.reduce((n, i) => n + (i.topics[0]?.latency.count ?? 0), 0);
  const lateness = final.intervals.reduce((n, i) => n + (i.topics[0]?.late.count ?? 0), 0);
  assert.equal(latencies, topic.acked);
  assert.equal(lateness, topic.late.count);
  assert.equal(engine.recentIntervals().at(-1)?.seq, seqs.at(-1));
});

test("only the last 8 closed intervals are kept, still numbered in order", async () => {
  // Runs until ten intervals have closed, however slow the machine, then stops.
  const engine = new Engine({
    settings: settings({ rate: 20_000, durationMs: 60_000, intervalMs: 100 }),
    model: counterModel(),
    sink: new DryRunSink(),
  });
  await engine.start();
  const deadline = Date.now() + 50_000;
  while ((engine.recentIntervals().at(-1)?.seq ?? 0) < 10 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const final = await engine.stop();
  const seqs = final.intervals.map((i) => i.seq);
  assert.equal(seqs.length, 8);
  assert.ok((seqs[0] ?? 0) > 1, `the first ones left: ${seqs.join(",")}`);
  assert.deepEqual(
    seqs,
    seqs.map((_, k) => (seqs[0] ?? 0) + k),
  );
});
