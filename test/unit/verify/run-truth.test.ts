import { test } from "node:test";
import assert from "node:assert/strict";
import { TruthCollector } from "../../../src/verify/run-truth.ts";
import type { RunStartRecord } from "../../../src/truth/records.ts";

const start = (run: string, startedMs: number): RunStartRecord => ({
  type: "run-start",
  run,
  scenario: "lab",
  seed: 1,
  devices: 10,
  topics: [{ role: "data", name: "sensor-data" }],
  startedMs,
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
  const a = {
    type: "anomaly",
    run: "r",
    id: 1,
    kind: "dropout",
    startMs: 10,
    endMs: 30_000,
    devices: { from: 0, count: 2 },
    magnitude: 1,
    source: "stdin",
  };
  c.add(JSON.stringify(a));
  c.add(JSON.stringify({ ...a, id: 2, kind: "duplicate", startMs: 5 }));
  c.add(JSON.stringify({ ...a, endMs: 2000 }));
  c.add(JSON.stringify({ ...a, run: "other", id: 9 }));
  c.add(JSON.stringify({ type: "run-end", run: "r", endedMs: 3000, topics: [] }));
  const chosen = c.choose("r", "t");
  assert.ok("truth" in chosen);
  assert.deepEqual(
    chosen.truth.anomalies.map((x) => [x.id, x.kind, x.endMs]),
    [
      [2, "duplicate", 30_000],
      [1, "dropout", 2000],
    ],
  );
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

test("a run split over instances is one run: totals added up, finished only when every share ended and they cover the fleet", () => {
  const shares = ["0:1/3", "1/3:2/3", "2/3:1"];
  const totals = (n: number) => ({
    name: "sensor-data",
    generated: n,
    acked: n - 1,
    failed: 1,
    unsent: 0,
    dropped: 0,
    duplicated: 0,
  });
  const collect = (ended: readonly string[], started = shares) => {
    const c = new TruthCollector();
    for (const [i, segment] of started.entries()) c.add(JSON.stringify({ ...start("fleet", 1000 + i), segment }));
    c.add(
      JSON.stringify({
        type: "anomaly",
        run: "fleet",
        id: 1,
        kind: "dropout",
        startMs: 5,
        endMs: 9,
        devices: { from: 0, count: 10 },
        magnitude: 1,
        source: "timeline",
        segment: "0:1/3",
      }),
    );
    c.add(
      JSON.stringify({
        type: "anomaly",
        run: "fleet",
        id: 1,
        kind: "dropout",
        startMs: 5,
        endMs: 9,
        devices: { from: 0, count: 10 },
        magnitude: 1,
        source: "timeline",
        segment: "1/3:2/3",
      }),
    );
    for (const [i, segment] of ended.entries())
      c.add(
        JSON.stringify({ type: "run-end", run: "fleet", endedMs: 5000 + i, topics: [totals(100 * (i + 1))], segment }),
      );
    const chosen = c.choose("fleet", "t");
    assert.ok("truth" in chosen);
    return chosen.truth;
  };
  const done = collect(shares);
  assert.equal(done.start.startedMs, 1000);
  assert.deepEqual(done.segments, shares);
  assert.equal(done.anomalies.length, 2, "the same anomaly id from two instances is two anomalies");
  assert.equal(done.end?.endedMs, 5002);
  assert.deepEqual(done.end?.topics, [
    { name: "sensor-data", generated: 600, acked: 597, failed: 3, unsent: 0, dropped: 0, duplicated: 0 },
  ]);
  assert.equal(collect(shares.slice(0, 2)).end, undefined, "one instance has not ended");
  assert.equal(
    collect(shares.slice(0, 2), shares.slice(0, 2)).end,
    undefined,
    "the shares leave a third of the fleet uncovered",
  );
});
