import { test } from "node:test";
import assert from "node:assert/strict";
import { attributeTopic } from "../../../src/verify/attribute.ts";
import { jsonReport } from "../../../src/verify/json-report.ts";
import { textReport } from "../../../src/verify/text-report.ts";
import type { VerifyResult } from "../../../src/verify/verify-run.ts";
import type { AnomalyRecord } from "../../../src/truth/records.ts";
import { anomaly, fleet, RUN, START_MS, tallyOf } from "./fabricate.ts";

function result(anomalies: AnomalyRecord[], loseFirst: number): VerifyResult {
  const f = fleet({ devices: 20, rounds: 30, partitions: 2, anomalies, topic: "plant.data" });
  f.partitions[1] = f.partitions[1]!.slice(loseFirst);
  const tally = tallyOf(20, f.partitions);
  const topic = attributeTopic({ tally, topic: 0, name: "plant.data", role: "data", anomalies, totals: f.totals });
  return {
    truth: {
      start: {
        type: "run-start",
        run: RUN,
        scenario: "lab",
        seed: 7,
        devices: 20,
        topics: [{ role: "data", name: "plant.data" }],
        startedMs: START_MS,
      },
      anomalies,
      end: { type: "run-end", run: RUN, endedMs: START_MS + 3000, topics: [f.totals] },
      acked: [],
    },
    truthTopic: "surge.anomalies",
    topics: [topic],
    absentTopics: [],
    partitions: 2,
    recordsRead: topic.received,
    elapsedMs: 1234,
    ok: topic.missing.unexplained === 0 && topic.duplicates.unexplained === 0,
  };
}

test("text report: injected anomalies explained, OK", () => {
  const anomalies = [
    anomaly(1, "dropout", 0, 4, START_MS + 1000, START_MS + 2000),
    anomaly(2, "duplicate", 10, 2, START_MS, START_MS + 500),
  ];
  assert.equal(
    textReport(result(anomalies, 0)),
    [
      `surge verify: run ${RUN} (lab, 20 devices, seed 7, started 2027-01-15 08:00:00 UTC, ran 3.0s)`,
      "  read 570 records from 1 topic, 2 partitions, in 1.2s",
      "  injected: dropout #1 devices 0-3 for 1.0s (test); duplicate #2 devices 10-11 for 0.5s (test)",
      "  plant.data: received 570 = 560 distinct + 10 duplicates; the run built 600",
      "    missing              40  injected 40 (dropout)  unexplained 0",
      "    duplicates           10  injected 10 (duplicate)  unexplained 0",
      "    out of order          0",
      "  OK: nothing was lost or duplicated that was not injected",
    ].join("\n"),
  );
});

test("text report: unexplained loss names the holes and fails; JSON says the same", () => {
  const r = result([], 3);
  const text = textReport(r);
  assert.match(
    text,
    /^ {4}missing {15}3 {2}injected 0 \(dropout\) {2}unexplained 3 {2}\(holes: device 1 seq 0, device 3 seq 0, device 5 seq 0\)$/m,
  );
  assert.match(text, /^ {2}FAILED: lost 3 of plant\.data \(records no injection explains\)$/m);
  const json = jsonReport(r) as { ok: boolean; topics: Record<string, { missing: Record<string, unknown> }> };
  assert.equal(json.ok, false);
  assert.deepEqual(json.topics["plant.data"]?.missing, {
    total: 3,
    inGaps: 3,
    afterLast: 0,
    holes: 3,
    injected: 0,
    agedOut: 0,
    compacted: 0,
    notAcked: 0,
    indeterminate: 0,
    unexplained: 3,
    unexplainedHoles: [
      { device: 1, from: 0, to: 1 },
      { device: 3, from: 0, to: 1 },
      { device: 5, from: 0, to: 1 },
    ],
  });
});
