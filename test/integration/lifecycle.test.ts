/**
 * A run's life against the real broker: SIGINT stops generation, flushes and exits 0 with
 * nothing lost; stdin control lines steer the engine; --summary-json has the documented shape.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { consumeAll } from "../helpers/consume.ts";
import { runSurge, startSurge, uniquePrefix } from "../helpers/surge.ts";

let brokers = "";
before(async () => {
  brokers = await ensureBroker();
});

interface TopicSummary {
  generated: number;
  acked: number;
  failed: number;
  unsent: number;
  bytes: number;
  ratePerSec: number;
  latencyMs: Record<string, number>;
  lateMs: Record<string, number>;
}
interface Summary {
  scenario: string;
  elapsedSeconds: number;
  targetRate: number | "max";
  totals: Record<string, number>;
  topics: Record<string, TopicSummary>;
  errors: unknown[];
}

test(
  "SIGINT: stops, flushes, prints the summary, exits 0; every generated record is in Kafka",
  { timeout: 120_000 },
  async () => {
    const prefix = uniquePrefix("sigint");
    const summaryPath = join(tmpdir(), `${prefix}summary.json`);
    const surge = startSurge([
      "--scenario",
      "lab",
      "--brokers",
      brokers,
      "--rate",
      "3000",
      "--topic-prefix",
      prefix,
      "--no-tui",
      "--interval",
      "500ms",
      "--summary-json",
      summaryPath,
    ]);
    await surge.waitFor(/records [1-9][\d,]* /);
    surge.signal("SIGINT");
    const result = await surge.done;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /surge lab: .* at target 3,000\/s/);
    const summary = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
    const topic = summary.topics[`${prefix}sensor-data`];
    assert.ok(topic && topic.generated > 0);
    assert.equal(topic.acked, topic.generated);
    assert.equal(topic.failed + topic.unsent, 0);
    const records = await consumeAll(brokers, `${prefix}sensor-data`);
    assert.equal(records.length, topic.acked);
  },
);

test("stdin control lines: rate, pause, resume, quit", { timeout: 120_000 }, async () => {
  const surge = startSurge(["--scenario", "cameras", "--dry-run", "--rate", "1000", "--no-tui", "--interval", "200ms"]);
  await surge.waitFor("total target 1,000/s");
  surge.write("rate +10%");
  await surge.waitFor("total target 1,100/s");
  surge.write("rate 2500");
  await surge.waitFor("total target 2,500/s");
  surge.write("pause");
  await surge.waitFor("PAUSED");
  surge.write("resume");
  surge.write("bogus");
  surge.write("quit");
  const result = await surge.done;
  assert.equal(result.code, 0);
  assert.match(result.stderr, /surge: target rate 1100\/s \(\+10%\)/);
  assert.match(result.stderr, /surge: paused/);
  assert.match(result.stderr, /surge: resumed/);
  assert.match(result.stderr, /unknown command "bogus"/);
  assert.match(result.stdout, /surge cameras: .*generated/s);
});

test("--summary-json has the documented shape and --duration is honoured", { timeout: 120_000 }, async () => {
  const prefix = uniquePrefix("summary");
  const summaryPath = join(tmpdir(), `${prefix}summary.json`);
  const r = await runSurge([
    "--scenario",
    "industrial",
    "--brokers",
    brokers,
    "--rate",
    "2000",
    "--duration",
    "3s",
    "--topic-prefix",
    prefix,
    "--no-tui",
    "--summary-json",
    summaryPath,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
  assert.equal(s.scenario, "industrial");
  assert.equal(s.targetRate, 2000);
  assert.ok(s.elapsedSeconds >= 2.9 && s.elapsedSeconds < 4, `elapsed ${s.elapsedSeconds}`);
  for (const key of ["generated", "acked", "failed", "unsent", "bytes"])
    assert.equal(typeof s.totals[key], "number", key);
  const data = s.topics[`${prefix}device-data`];
  assert.ok(data, "device-data topic missing");
  // 2000/s for 3 s: exactly the events intended inside the window.
  assert.equal(data.generated, 6000);
  assert.ok(data.bytes > 6000 * 300);
  for (const p of ["p50", "p90", "p99", "p999", "max"]) assert.equal(typeof data.latencyMs[p], "number", p);
  for (const p of ["p50", "p99", "max"]) assert.equal(typeof data.lateMs[p], "number", p);
  assert.ok(data.latencyMs["p50"]! > 0 && data.latencyMs["p50"]! <= data.latencyMs["max"]!);
  assert.ok(Array.isArray(s.errors));
});
