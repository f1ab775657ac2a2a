/**
 * One run split over three instances (--segment i/3, one --run-id), as three boxes would run it,
 * against the real local broker: each instance runs only its own devices at its share of the rate,
 * and `surge verify --run ID` checks the three as one run: nothing missing, no device twice (a
 * device on two instances would repeat its sequence numbers), totals the sum of the instances',
 * an injected dropout attributed on every instance's devices. With --fleet the instances publish
 * their numbers: `surge watch` follows them until all three finish and `surge report` adds them up.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { runSurge, uniquePrefix, type SurgeResult } from "../helpers/surge.ts";

let brokers = "";
before(async () => {
  brokers = await ensureBroker();
});

const SCENARIO = `name: split-lab
model: lab
devices: 30
sampleInterval: 100ms
topics: {data: sensor-data}
timeline:
  - at: 1s
    inject: {kind: dropout, share: 40%, for: 1s}
`;

interface Summary {
  runId: string;
  segment: { share: string; devices: number } | null;
  totals: { generated: number; acked: number; failed: number; unsent: number };
}

test("three instances with --segment i/3 and one --run-id verify as one run", async () => {
  const dir = mkdtempSync(join(tmpdir(), "surge-segments-"));
  const scenario = join(dir, "split-lab.yaml");
  writeFileSync(scenario, SCENARIO);
  const prefix = uniquePrefix("segments");
  const runId = `split-${Date.now().toString(36)}`;
  const fleet = `it-${runId}`;
  const truth = `${prefix}truth`;
  // The fleet's watcher, started after the first instance has published (the topic exists then).
  let watching: Promise<SurgeResult> | undefined;
  const watchSoon = setTimeout(() => {
    watching = runSurge(["watch", fleet, "--brokers", brokers, "--no-tui"], { timeoutMs: 60_000 });
  }, 2500);
  const instances = await Promise.all(
    [0, 1, 2].map(async (i) => {
      const summary = join(dir, `summary-${i}.json`);
      const r = await runSurge([
        "--scenario",
        scenario,
        "--brokers",
        brokers,
        "--topic-prefix",
        prefix,
        "--anomalies-topic",
        truth,
        "--no-tui",
        "--rate",
        "300",
        "--duration",
        "4s",
        "--seed",
        "7",
        "--segment",
        `${i}/3`,
        "--run-id",
        runId,
        "--summary-json",
        summary,
        "--fleet",
        fleet,
        "--interval",
        "1s",
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`segment ${["0:1/3", "1/3:2/3", "2/3:1"][i]}: \\d+ of them`));
      return JSON.parse(readFileSync(summary, "utf8")) as Summary;
    }),
  );
  clearTimeout(watchSoon);
  assert.deepEqual(
    instances.map((s) => s.runId),
    [runId, runId, runId],
  );
  const devices = instances.map((s) => s.segment?.devices ?? 0);
  assert.equal(
    devices.reduce((a, b) => a + b, 0),
    30,
    `devices per instance ${devices.join(",")}`,
  );
  const generated = instances.reduce((a, s) => a + s.totals.generated, 0);
  // 300 events/s for the fleet over 4 s, split by devices: the sum is the whole fleet's rate.
  assert.ok(generated > 0.8 * 1200 && generated < 1.1 * 1200, `generated ${generated}`);

  const v = await runSurge(["verify", "--brokers", brokers, "--anomalies-topic", truth, "--run", runId, "--json"], {
    timeoutMs: 120_000,
  });
  assert.equal(v.code, 0, `${v.stdout}\n${v.stderr}`);
  const report = JSON.parse(v.stdout) as {
    finished: boolean;
    segments: string[];
    ok: boolean;
    topics: Record<
      string,
      {
        distinct: number;
        built: number;
        missing: { total: number; injected: number; unexplained: number };
        duplicates: { total: number };
      }
    >;
  };
  assert.equal(report.finished, true);
  assert.deepEqual([...report.segments].sort(), ["0:1/3", "1/3:2/3", "2/3:1"]);
  const topic = report.topics[`${prefix}sensor-data`];
  assert.ok(topic, Object.keys(report.topics).join(","));
  assert.equal(topic.duplicates.total, 0, "a device ran on two instances");
  assert.equal(topic.missing.unexplained, 0);
  assert.ok(topic.missing.injected > 0, "the dropout hit devices on the instances");
  assert.equal(topic.distinct + topic.missing.total, topic.built);
  assert.ok(report.ok);

  // The fleet's own view: watch saw all three finish; report adds their summaries up exactly.
  assert.ok(watching, "watch started");
  const watched = await watching;
  assert.equal(watched.code, 0, watched.stderr);
  assert.match(watched.stdout, new RegExp(`fleet ${fleet} run ${runId}: 3 instances \\(3 finished\\)`));
  const r = await runSurge(["report", fleet, "--brokers", brokers, "--json"], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const merged = JSON.parse(r.stdout) as {
    runId: string;
    instances: number;
    finished: number;
    totals: { generated: number; acked: number };
    topics: Record<string, { acked: number; latencyMs: { p99: number; max: number; count: number } }>;
    perInstance: unknown[];
  };
  assert.equal(merged.runId, runId);
  assert.equal(merged.finished, 3);
  assert.equal(merged.perInstance.length, 3);
  assert.equal(merged.totals.generated, generated);
  assert.equal(
    merged.totals.acked,
    instances.reduce((a, s) => a + s.totals.acked, 0),
  );
  const data = merged.topics[`${prefix}sensor-data`];
  assert.ok(data && data.latencyMs.p99 <= data.latencyMs.max);
  assert.equal(data.latencyMs.count, data.acked, "every acked record's latency is in the merged histogram");
});
