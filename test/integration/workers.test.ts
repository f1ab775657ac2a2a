/**
 * --workers 2 in one process against the real local broker: two worker threads, each its own
 * share of the devices and its own producer connection, one run id; the summary is one merged
 * result (counts added, the latency histogram holding every acked record), the .hlog is merged,
 * and `surge verify` checks the run as one (every device owned by exactly one worker).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { runSurge, uniquePrefix } from "../helpers/surge.ts";

let brokers = "";
before(async () => {
  brokers = await ensureBroker();
});

const SCENARIO = `name: workers-lab
model: lab
devices: 40
sampleInterval: 100ms
topics: {data: sensor-data}
`;

interface Summary {
  runId: string;
  segment: unknown;
  totals: { generated: number; acked: number; failed: number; unsent: number };
  topics: Record<string, { acked: number; latencyMs: { p99: number; max: number; count: number } }>;
}

test("--workers 2: one merged summary and .hlog, and verify passes the run as one", async () => {
  const dir = mkdtempSync(join(tmpdir(), "surge-workers-"));
  const scenario = join(dir, "workers-lab.yaml");
  writeFileSync(scenario, SCENARIO);
  const prefix = uniquePrefix("workers");
  const truth = `${prefix}truth`;
  const runId = `workers-${Date.now().toString(36)}`;
  const summaryPath = join(dir, "summary.json");
  const hlog = join(dir, "run.hlog");
  const count = 6000;
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
    "--workers",
    "2",
    "--rate",
    "3000",
    "--count",
    String(count),
    "--run-id",
    runId,
    "--summary-json",
    summaryPath,
    "--hdr-log",
    hlog,
    "--interval",
    "500ms",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /on 2 worker threads/);
  const summary = JSON.parse(readFileSync(summaryPath, "utf8")) as Summary;
  assert.equal(summary.runId, runId);
  assert.equal(summary.segment, null, "a whole run: the workers' shares are not the instance's");
  assert.equal(summary.totals.generated, count, "the workers' parts of --count add up to it");
  assert.equal(summary.totals.acked, count);
  assert.equal(summary.totals.failed + summary.totals.unsent, 0);
  const data = summary.topics[`${prefix}sensor-data`];
  assert.ok(data, Object.keys(summary.topics).join(","));
  assert.equal(data.latencyMs.count, data.acked, "every acked record's latency is in the merged histogram");
  assert.ok(data.latencyMs.p99 <= data.latencyMs.max);
  // The interval log: one merged line per topic and interval, their counts adding up to the acks.
  const tagged = readFileSync(hlog, "utf8")
    .split("\n")
    .filter((l) => l.startsWith(`Tag=${prefix}sensor-data.latency,`));
  assert.ok(tagged.length > 0, "merged intervals in the .hlog");

  const v = await runSurge(["verify", "--brokers", brokers, "--anomalies-topic", truth, "--run", runId, "--json"], {
    timeoutMs: 120_000,
  });
  assert.equal(v.code, 0, `${v.stdout}\n${v.stderr}`);
  const report = JSON.parse(v.stdout) as {
    ok: boolean;
    finished: boolean;
    segments: string[];
    topics: Record<string, { distinct: number; duplicates: { total: number }; missing: { total: number } }>;
  };
  assert.equal(report.finished, true);
  assert.deepEqual([...report.segments].sort(), ["0:1/2", "1/2:1"]);
  const topic = report.topics[`${prefix}sensor-data`];
  assert.ok(topic);
  assert.equal(topic.duplicates.total, 0, "a device ran on two workers");
  assert.equal(topic.missing.total, 0);
  assert.equal(topic.distinct, count);
  assert.ok(report.ok);
});

test("--workers refuses 0, a word and more workers than devices with one line, exit 2", async () => {
  const dir = mkdtempSync(join(tmpdir(), "surge-workers-bad-"));
  const scenario = join(dir, "workers-lab.yaml");
  writeFileSync(scenario, SCENARIO);
  for (const [value, pattern] of [
    ["0", /--workers: must be a whole number/],
    ["x", /--workers: must be a whole number/],
    ["41", /41 workers for 40 devices/],
  ] as const) {
    const r = await runSurge(["--scenario", scenario, "--dry-run", "--no-tui", "--workers", value, "--count", "10"]);
    assert.equal(r.code, 2, `--workers ${value}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
});
