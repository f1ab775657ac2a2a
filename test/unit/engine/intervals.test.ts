/** Snapshot.intervals: each closed interval's histograms, numbered, bounded, adding up to the run. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DryRunSink } from "../../../src/engine/dry-run-sink.ts";
import { Engine } from "../../../src/engine/engine.ts";
import { counterModel, settings } from "./fixtures.ts";

test("closed intervals are numbered from 1, at most 32 are kept, and they add up to the whole run", async () => {
  const engine = new Engine({ settings: settings({ rate: 20_000, durationMs: 1500, intervalMs: 100 }), model: counterModel(), sink: new DryRunSink() });
  await engine.start();
  const final = await engine.done;
  const seqs = final.intervals.map((i) => i.seq);
  assert.ok(seqs.length >= 10 && seqs.length <= 32, `kept ${seqs.length}`);
  assert.deepEqual(seqs, seqs.map((_, k) => (seqs[0] ?? 0) + k), "consecutive");
  for (const i of final.intervals) assert.ok(i.endMs >= i.startMs);
  const topic = final.topics[0];
  assert.ok(topic);
  // 15 intervals of 100 ms in 1.5 s: all still kept, so they hold every latency sample of the run.
  assert.equal(seqs[0], 1);
  const latencies = final.intervals.reduce((n, i) => n + (i.topics[0]?.latency.count ?? 0), 0);
  const lateness = final.intervals.reduce((n, i) => n + (i.topics[0]?.late.count ?? 0), 0);
  assert.equal(latencies, topic.acked);
  assert.equal(lateness, topic.late.count);
  assert.equal(engine.recentIntervals().at(-1)?.seq, seqs.at(-1));
});
