/**
 * `surge verify` against the real local broker, on data the compiled binary really produced:
 * clean runs of every scenario verify with nothing missing or duplicated; injected duplicate and
 * dropout are attributed to the injection; records deleted behind surge's back (admin
 * deleteRecords) are unexplained loss with exit 1; bad run ids and unreachable brokers fail in one line.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import kafkajs from "kafkajs";
import { ensureBroker } from "../helpers/broker.ts";
import { runSurge, startSurge, uniquePrefix, type SurgeResult } from "../helpers/surge.ts";

interface Account {
  total: number;
  injected: number;
  unexplained: number;
}
interface TopicReport {
  received: number;
  distinct: number;
  built: number | null;
  extra: number;
  otherRuns: number;
  unreadable: number;
  missing: Account & {
    notAcked: number;
    holes: number;
    unexplainedHoles: Array<{ device: number; from: number; to: number }>;
  };
  duplicates: Account;
  outOfOrder: Account;
  latencyMs?: unknown;
}
interface Report {
  run: string;
  finished: boolean;
  recordsRead: number;
  anomalies: Array<{ kind: string; devices: { from: number; count: number } }>;
  topics: Record<string, TopicReport>;
  ok: boolean;
}

let brokers = "";
before(async () => {
  brokers = await ensureBroker();
});

/** A run's own truth topic, so verify's "latest run" is this test's run. */
const truthTopicOf = (prefix: string): string => `${prefix}truth`;

async function verify(prefix: string, extra: string[] = []): Promise<SurgeResult> {
  return runSurge(["verify", "--brokers", brokers, "--anomalies-topic", truthTopicOf(prefix), ...extra], {
    timeoutMs: 120_000,
  });
}

async function verifyJson(prefix: string): Promise<{ code: number | null; report: Report; stderr: string }> {
  const r = await verify(prefix, ["--json"]);
  assert.ok(r.stdout.trim().startsWith("{"), `no JSON on stdout (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

function produce(prefix: string, args: string[]): Promise<SurgeResult> {
  return runSurge([
    "--brokers",
    brokers,
    "--topic-prefix",
    prefix,
    "--anomalies-topic",
    truthTopicOf(prefix),
    "--no-tui",
    ...args,
  ]);
}

const runIdOf = (r: SurgeResult): string => /\brun (\d{8}T\d{6}Z-[0-9a-z]{4})\b/.exec(r.stdout)?.[1] ?? "";

test(
  "clean runs of every scenario verify: every record once, nothing missing, exit 0",
  { timeout: 300_000 },
  async () => {
    const cases = [
      { scenario: "industrial", extra: ["--devices", "500"] },
      { scenario: "retail", extra: ["--devices", "300"] },
      { scenario: "lab", extra: ["--partitioner", "round-robin"] },
      // With one request in flight the producer cannot reorder a device's records; with several,
      // kafkajs may (verify counts those as out of order, which does not fail a run).
      { scenario: "cameras", extra: ["--max-in-flight", "1"] },
    ];
    for (const c of cases) {
      const prefix = uniquePrefix(`verify-clean-${c.scenario}`);
      const run = await produce(prefix, ["--scenario", c.scenario, "--rate", "2000", "--count", "3000", ...c.extra]);
      assert.equal(run.code, 0, run.stderr);
      const runId = runIdOf(run);
      assert.notEqual(runId, "", `no run id in:\n${run.stdout}`);

      const { code, report, stderr } = await verifyJson(prefix);
      assert.equal(code, 0, `${c.scenario}: ${stderr}\n${JSON.stringify(report, null, 2)}`);
      assert.equal(report.run, runId);
      assert.equal(report.finished, true);
      assert.equal(report.ok, true);
      let received = 0;
      for (const [name, t] of Object.entries(report.topics)) {
        assert.ok(name.startsWith(prefix), name);
        assert.equal(t.missing.total, 0, `${c.scenario} ${name} missing`);
        assert.equal(t.duplicates.total, 0, `${c.scenario} ${name} duplicates`);
        if (c.extra.includes("--max-in-flight"))
          assert.equal(t.outOfOrder.total, 0, `${c.scenario} ${name} out of order`);
        assert.equal(t.distinct, t.built, `${c.scenario} ${name}: distinct = built`);
        assert.equal(t.received, t.distinct);
        // Record age at read time is no latency: the report no longer calls it one.
        assert.equal(t.latencyMs, undefined);
        received += t.received;
      }
      // Every device event became at least one record, and each was read back exactly once.
      assert.ok(received >= 3000, `${c.scenario}: ${received} records`);
      assert.equal(report.recordsRead, received);
    }
    // The text form says the same in words.
    const prefix = uniquePrefix("verify-clean-text");
    const run = await produce(prefix, ["--scenario", "lab", "--rate", "1000", "--count", "500"]);
    assert.equal(run.code, 0, run.stderr);
    const text = await verify(prefix, ["--run", runIdOf(run)]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^surge verify: run ${runIdOf(run)} \\(lab, 1,000 devices`));
    assert.match(
      text.stdout,
      new RegExp(`${prefix}sensor-data: received 500 = 500 distinct \\+ 0 duplicates; the run built 500`),
    );
    assert.match(text.stdout, /missing\s+0 {2}injected 0 \(dropout\) {2}unexplained 0/);
    assert.match(text.stdout, /OK: nothing was lost or duplicated that was not injected/);
  },
);

test(
  "injected duplicate and dropout are attributed to the injection, nothing unexplained, exit 0",
  { timeout: 180_000 },
  async () => {
    const prefix = uniquePrefix("verify-injected");
    // Seed 1 puts the two 20% blocks of devices apart (checked below): where they overlap, a dropped
    // record is never sent, so it cannot be duplicated either.
    const surge = startSurge([
      "--scenario",
      "lab",
      "--brokers",
      brokers,
      "--rate",
      "2000",
      "--duration",
      "6s",
      "--seed",
      "1",
      "--partitioner",
      "round-robin",
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      truthTopicOf(prefix),
      "--no-tui",
      "--interval",
      "500ms",
    ]);
    await surge.waitFor(/records [1-9]/);
    surge.write("inject duplicate 20% 2s");
    surge.write("inject dropout 20% 2s");
    const run = await surge.done;
    assert.equal(run.code, 0, run.stderr);

    const { code, report, stderr } = await verifyJson(prefix);
    assert.equal(code, 0, `${stderr}\n${JSON.stringify(report, null, 2)}`);
    assert.deepEqual(report.anomalies.map((a) => a.kind).sort(), ["dropout", "duplicate"]);
    const [first, second] = report.anomalies.map((a) => a.devices).sort((x, y) => x.from - y.from);
    assert.ok(
      first && second && first.from + first.count <= second.from,
      `blocks apart: ${JSON.stringify(report.anomalies)}`,
    );
    const t = report.topics[`${prefix}sensor-data`];
    assert.ok(t, JSON.stringify(report));
    // 20% of 1000 devices at 2 events/s each for 2 s: about 800 of each, surely more than 100.
    assert.ok(t.missing.total > 100, `missing ${t.missing.total}`);
    assert.equal(t.missing.injected, t.missing.total);
    assert.equal(t.missing.unexplained, 0);
    assert.ok(t.duplicates.total > 100, `duplicates ${t.duplicates.total}`);
    assert.equal(t.duplicates.injected, t.duplicates.total);
    assert.equal(t.duplicates.unexplained, 0);
    assert.equal(t.received, t.distinct + t.duplicates.total);
    assert.equal(t.built, t.distinct + t.missing.total);
    assert.equal(report.ok, true);

    const text = await verify(prefix);
    assert.equal(text.code, 0);
    assert.match(
      text.stdout,
      /injected: (duplicate|dropout) #1 devices \d+-\d+ for 2\.0s \(stdin\); (duplicate|dropout) #2/,
    );
    assert.match(
      text.stdout,
      new RegExp(
        `missing\\s+${t.missing.total.toLocaleString("en-US")} {2}injected ${t.missing.total.toLocaleString("en-US")} \\(dropout\\) {2}unexplained 0`,
      ),
    );
  },
);

test(
  "records deleted behind surge's back are unexplained loss: exit 1, the holes named",
  { timeout: 180_000 },
  async () => {
    const prefix = uniquePrefix("verify-deleted");
    const topic = `${prefix}sensor-data`;
    const run = await produce(prefix, ["--scenario", "lab", "--rate", "2000", "--count", "3000"]);
    assert.equal(run.code, 0, run.stderr);

    const deleted = await deleteHead(topic, 0, 40);
    assert.equal(deleted, 40);
    const { code, report } = await verifyJson(prefix);
    assert.equal(code, 1);
    assert.equal(report.ok, false);
    const t = report.topics[topic];
    assert.ok(t);
    assert.equal(t.received, 3000 - 40);
    assert.equal(t.missing.total, 40);
    assert.equal(t.missing.injected, 0);
    assert.equal(t.missing.unexplained, 40);
    assert.ok(t.missing.unexplainedHoles.length > 0);
    assert.equal(t.duplicates.total, 0);

    const text = await verify(prefix);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /unexplained 40 {2}\(holes: device \d+ seq 0/);
    assert.match(text.stdout, new RegExp(`FAILED: lost 40 of ${topic} \\(records no injection explains\\)`));
  },
);

test(
  "an unknown run id, a missing truth topic and an unreachable broker: one line each, exit 1; bad flags exit 2",
  { timeout: 120_000 },
  async () => {
    const prefix = uniquePrefix("verify-errors");
    const run = await produce(prefix, ["--scenario", "cameras", "--rate", "500", "--count", "50"]);
    assert.equal(run.code, 0, run.stderr);

    const unknown = await verify(prefix, ["--run", "20000101T000000Z-zzzz"]);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stdout, "");
    assert.equal(
      unknown.stderr.trim(),
      `surge: verify: no run "20000101T000000Z-zzzz" in topic ${truthTopicOf(prefix)}; the latest runs there: ${runIdOf(run)}`,
    );

    const noTopic = await runSurge(["verify", "--brokers", brokers, "--anomalies-topic", `${prefix}nothing-here`]);
    assert.equal(noTopic.code, 1);
    assert.match(
      noTopic.stderr,
      /^surge: verify: topic it-verify-errors-\S+nothing-here does not exist at 127\.0\.0\.1:\d+: no surge run has written ground truth there/,
    );

    const started = Date.now();
    const down = await runSurge(["verify", "--brokers", "127.0.0.1:1", "--connect-timeout", "1s"]);
    assert.equal(down.code, 1);
    assert.match(
      down.stderr.trim(),
      /^surge: verify: cannot connect to Kafka at 127\.0\.0\.1:1 after \d+ attempts? over [\d.]+ s: .*ECONNREFUSED/,
    );
    assert.equal(down.stderr.trim().split("\n").length, 1);
    assert.ok(Date.now() - started < 20_000);

    for (const args of [["verify", "--rate", "5"], ["verify", "--timeout", "soon"], ["verify", "extra"], ["--json"]]) {
      const bad = await runSurge(args);
      assert.equal(bad.code, 2, args.join(" "));
      assert.equal(bad.stderr.trim().split("\n").length, 1, bad.stderr);
    }
  },
);

/** Deletes the first `count` records of a partition (kafkajs deleteTopicRecords = Kafka's DeleteRecords). */
async function deleteHead(topic: string, partition: number, count: number): Promise<number> {
  const kafka = new kafkajs.Kafka({
    brokers: [brokers],
    clientId: "surge-test-delete",
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Also loads the topic's metadata, which deleteTopicRecords needs.
    const before = (await admin.fetchTopicOffsets(topic)).find((o) => o.partition === partition);
    assert.ok(
      before && Number(before.high) - Number(before.low) > count,
      `partition ${partition} of ${topic} is too small`,
    );
    const to = Number(before.low) + count;
    await admin.deleteTopicRecords({ topic, partitions: [{ partition, offset: String(to) }] });
    const after = (await admin.fetchTopicOffsets(topic)).find((o) => o.partition === partition);
    return Number(after?.low) - Number(before.low);
  } finally {
    await admin.disconnect();
  }
}
