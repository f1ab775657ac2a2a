import { test } from "node:test";
import assert from "node:assert/strict";
import { TruthCollector } from "../../../src/verify/run-truth.ts";
import type { RunStartRecord } from "../../../src/truth/records.ts";

const start = (run: string, startedMs: number): RunStartRecord => ({
  type: "run-start", run, scenario: "lab", seed: 1, devices: 10, topics: [{ role: "data", name: "sensor-data" }], startedMs,
});

test("picks the latest run-start when no run is named, and the named one otherwise", () => {
  const c = new TruthCollector();
  for (const r of [start("b", 2000), start("a", 1000), start("c", 3000)]) c.add(JSON.stringify(r));
  c.add("not json");
  c.add(JSON.stringify({ type: "something-else", run: "x" }));
  assert.equal(c.unreadable, 2);
  const latest = c.choose(undefined, "surge.anomalies");
  assert.ok("truth" in latest);
  assert.equal(latest.truth.start.run, "c");
  const named = c.choose("a", "surge.anomalies");
  assert.ok("truth" in named);
  assert.equal(named.truth.start.startedMs, 1000);
  assert.equal(named.truth.end, undefined);
});

test("the last anomaly record per id wins; run-end is attached", () => {
  const c = new TruthCollector();
  c.add(JSON.stringify(start("r", 1)));
  const a = { type: "anomaly", run: "r", id: 1, kind: "dropout", startMs: 10, endMs: 30_000, devices: { from: 0, count: 2 }, magnitude: 1, source: "stdin" };
  c.add(JSON.stringify(a));
  c.add(JSON.stringify({ ...a, id: 2, kind: "duplicate", startMs: 5 }));
  c.add(JSON.stringify({ ...a, endMs: 2000 }));
  c.add(JSON.stringify({ ...a, run: "other", id: 9 }));
  c.add(JSON.stringify({ type: "run-end", run: "r", endedMs: 3000, topics: [] }));
  const chosen = c.choose("r", "t");
  assert.ok("truth" in chosen);
  assert.deepEqual(chosen.truth.anomalies.map((x) => [x.id, x.kind, x.endMs]), [[2, "duplicate", 30_000], [1, "dropout", 2000]]);
  assert.equal(chosen.truth.end?.endedMs, 3000);
});

test("an unknown run id or an empty topic is one clear problem", () => {
  const c = new TruthCollector();
  const none = c.choose(undefined, "surge.anomalies");
  assert.ok("problem" in none);
  assert.match(none.problem, /no surge run has written ground truth to topic surge.anomalies/);
  c.add(JSON.stringify(start("r1", 1)));
  const unknown = c.choose("nope", "surge.anomalies");
  assert.ok("problem" in unknown);
  assert.equal(unknown.problem, 'no run "nope" in topic surge.anomalies; the latest runs there: r1');
});
