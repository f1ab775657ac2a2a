/**
 * Retention is not loss, against the real broker: a topic with a small retention.bytes and 1 MiB
 * segments loses its oldest segments while surge writes to it, and verify reports exactly what
 * the log start passed as aged out (exit 0; --require-all fails). Records removed with Kafka's
 * own DeleteRecords tool on a topic whose retention cannot explain it are still lost (exit 1). A
 * compacted topic's verdict: only the last record per key is expected.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import kafkajs from "kafkajs";
import type { Admin } from "kafkajs";
import { ensureBroker, kafkaClasspath } from "../helpers/broker.ts";
import { runTool } from "../helpers/kafka-tools.ts";
import { runSurge, startSurge, uniquePrefix, type SurgeResult } from "../helpers/surge.ts";

interface TopicReport {
  received: number;
  distinct: number;
  built: number | null;
  missing: {
    total: number;
    injected: number;
    agedOut: number;
    compacted: number;
    notAcked: number;
    unexplained: number;
  };
  retention: { cleanupPolicy: string[]; retentionBytes: number; retentionMs: number } | null;
  belowLogStart: { agedOut: number; unexplained: number; reasons: string[]; known: boolean } | null;
}
interface Report {
  ok: boolean;
  topics: Record<string, TopicReport>;
  verdict: { status: string; agedOut: string[]; compacted: string[]; failures: string[] };
}

let brokers = "";
let admin: Admin;
before(async () => {
  brokers = await ensureBroker();
  admin = new kafkajs.Kafka({
    brokers: [brokers],
    clientId: "surge-test-retention",
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  await admin.connect();
});
after(async () => {
  await admin.disconnect();
});

const truthTopicOf = (prefix: string): string => `${prefix}truth`;
const verify = (prefix: string, extra: string[] = []): Promise<SurgeResult> =>
  runSurge(["verify", "--brokers", brokers, "--anomalies-topic", truthTopicOf(prefix), ...extra], {
    timeoutMs: 180_000,
  });

async function verifyJson(
  prefix: string,
  extra: string[] = [],
): Promise<{ code: number | null; report: Report; stderr: string }> {
  const r = await verify(prefix, ["--json", ...extra]);
  assert.ok(r.stdout.trim().startsWith("{"), `no JSON on stdout (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

async function logStarts(topic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(topic)).reduce((sum, o) => sum + Number(o.low), 0);
}

async function createTopic(topic: string, configs: Record<string, string>, partitions = 2): Promise<void> {
  const created = await admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic,
        numPartitions: partitions,
        replicationFactor: 1,
        configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
      },
    ],
  });
  assert.equal(created, true, `topic ${topic} not created`);
}

test(
  "retention deleting part of a run while it runs: aged out = what the log start passed, 0 lost, exit 0",
  { timeout: 420_000 },
  async () => {
    const prefix = uniquePrefix("verify-retention");
    const topic = `${prefix}sensor-data`;
    // 1 MiB is the smallest segment Kafka 4 allows; size retention deletes a segment once the rest
    // still holds 2 MiB. The broker looks every 60 s (log.retention.check.interval.ms).
    await createTopic(topic, { "retention.bytes": String(2 * 1024 * 1024), "segment.bytes": String(1024 * 1024) });
    const surge = startSurge([
      "--scenario",
      "lab",
      "--brokers",
      brokers,
      "--rate",
      "1500",
      "--duration",
      "240s",
      "--compression",
      "none",
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      truthTopicOf(prefix),
      "--no-tui",
      "--interval",
      "5s",
    ]);
    // Keep writing until retention has deleted segments of every partition, then stop the run.
    const deadline = Date.now() + 200_000;
    let moved = false;
    while (!moved && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      moved = (await admin.fetchTopicOffsets(topic)).every((o) => Number(o.low) > 0);
    }
    surge.write("stop");
    const run = await surge.done;
    assert.equal(run.code, 0, run.stderr);
    assert.ok(moved, "retention deleted nothing within 200 s");

    const lowBefore = await logStarts(topic);
    const { code, report, stderr } = await verifyJson(prefix);
    const lowAfter = await logStarts(topic);
    assert.equal(code, 0, `${stderr}\n${JSON.stringify(report, null, 2)}`);
    const t = report.topics[topic];
    assert.ok(t, JSON.stringify(report));
    // The topic is this run's alone: every offset below the log start was one of its acked records.
    assert.ok(
      t.missing.agedOut >= lowBefore && t.missing.agedOut <= lowAfter,
      `aged out ${t.missing.agedOut}, log starts ${lowBefore}..${lowAfter}`,
    );
    assert.ok(t.missing.agedOut > 0);
    assert.equal(t.missing.unexplained, 0);
    assert.equal(t.missing.injected, 0);
    assert.equal(t.missing.total, t.missing.agedOut);
    assert.equal(t.built, t.distinct + t.missing.agedOut);
    assert.deepEqual(t.belowLogStart?.reasons, ["retention.bytes"]);
    assert.equal(t.retention?.retentionBytes, 2 * 1024 * 1024);
    assert.equal(report.ok, true);
    assert.equal(report.verdict.agedOut.length, 1);

    const text = await verify(prefix);
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /aged out +[\d,]+ {2}acked, then deleted by retention\.bytes before verify read them \(retention\.bytes 2 MiB, retention\.ms [^,]+, cleanup\.policy delete\): [\d.]+% of the run, not verified and not loss/,
    );
    assert.match(
      text.stdout,
      /OK: nothing verifiable was lost that was not injected; aged out by retention .*: [\d,]+ of it-verify-retention-\S+sensor-data \([\d.]+% of the run\)/,
    );

    const strict = await verify(prefix, ["--require-all"]);
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /FAILED: aged out [\d,]+ of \S+sensor-data \([\d.]+% of the run\) \(--require-all\)/);
  },
);

test(
  "records removed with Kafka's DeleteRecords tool, which retention cannot explain, are still lost: exit 1",
  { timeout: 240_000 },
  async () => {
    const prefix = uniquePrefix("verify-delete-records");
    const topic = `${prefix}sensor-data`;
    await createTopic(topic, {});
    const run = await runSurge([
      "--brokers",
      brokers,
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      truthTopicOf(prefix),
      "--no-tui",
      "--scenario",
      "lab",
      "--rate",
      "2000",
      "--count",
      "3000",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const before = (await admin.fetchTopicOffsets(topic)).find((o) => o.partition === 0);
    assert.ok(before && Number(before.high) > 40);

    const offsets = join(tmpdir(), `${prefix}delete.json`);
    await writeFile(offsets, JSON.stringify({ version: 1, partitions: [{ topic, partition: 0, offset: 40 }] }));
    await runTool("java", [
      "-Xmx256m",
      "-cp",
      await kafkaClasspath(),
      "org.apache.kafka.tools.DeleteRecordsCommand",
      "--bootstrap-server",
      brokers,
      "--offset-json-file",
      offsets,
    ]);
    assert.equal(Number((await admin.fetchTopicOffsets(topic)).find((o) => o.partition === 0)?.low), 40);

    const { code, report } = await verifyJson(prefix);
    assert.equal(code, 1);
    const t = report.topics[topic];
    assert.ok(t);
    assert.equal(t.missing.total, 40);
    assert.equal(t.missing.agedOut, 0);
    assert.equal(t.missing.unexplained, 40);
    assert.equal(t.belowLogStart?.unexplained, 40);
    const text = await verify(prefix);
    assert.equal(text.code, 1);
    assert.match(
      text.stdout,
      /log start moved past 40 acked records on partition 0 that retention does not explain \(retention\.bytes [^)]*\): counted as lost/,
    );
    assert.match(text.stdout, new RegExp(`FAILED: lost 40 of ${topic}`));
  },
);

test(
  "a compacted topic: only the last record per key is expected; compaction's holes are not loss",
  { timeout: 300_000 },
  async () => {
    const prefix = uniquePrefix("verify-compacted");
    const topic = `${prefix}sensor-data`;
    // Segments roll every second and any dirt is worth cleaning, so the cleaner gets to it soon.
    await createTopic(
      topic,
      {
        "cleanup.policy": "compact",
        "segment.ms": "1000",
        "min.cleanable.dirty.ratio": "0.01",
        "min.compaction.lag.ms": "0",
      },
      1,
    );
    const run = await runSurge([
      "--brokers",
      brokers,
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      truthTopicOf(prefix),
      "--no-tui",
      "--scenario",
      "lab",
      "--devices",
      "50",
      "--rate",
      "500",
      "--duration",
      "8s",
    ]);
    assert.equal(run.code, 0, run.stderr);
    // A record after the last segment rolled lets the cleaner take the run's segments.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const producer = new kafkajs.Kafka({ brokers: [brokers], logLevel: kafkajs.logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: "not-surge", value: "roll" }] });
    await producer.disconnect();

    let last: Report | undefined;
    for (let i = 0; i < 12; i++) {
      const { code, report, stderr } = await verifyJson(prefix);
      assert.equal(code, 0, `${stderr}\n${JSON.stringify(report, null, 2)}`);
      last = report;
      if ((report.topics[topic]?.missing.compacted ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
    const t = last?.topics[topic];
    assert.ok(t, JSON.stringify(last));
    assert.ok(t.missing.compacted > 0, `the cleaner compacted nothing: ${JSON.stringify(t)}`);
    assert.equal(t.missing.unexplained, 0);
    assert.deepEqual(t.retention?.cleanupPolicy, ["compact"]);
    // Every device's last record is still there: at least one record per key.
    assert.ok(t.distinct >= 50);
    const text = await verify(prefix);
    assert.equal(text.code, 0);
    assert.match(
      text.stdout,
      /compacted topic \(retention\.bytes [^)]*cleanup\.policy compact\): only the last record per key \(device\) is expected; [\d,]+ earlier records were compacted away/,
    );
    assert.match(
      text.stdout,
      /OK: nothing verifiable was lost that was not injected; compacted away: [\d,]+ of \S+ \(only the last record per key is kept\)/,
    );
  },
);

test(
  "--since/--until verify a window of a run: what was acked in it is read, nothing else",
  { timeout: 180_000 },
  async () => {
    const prefix = uniquePrefix("verify-window");
    const run = await runSurge([
      "--brokers",
      brokers,
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      truthTopicOf(prefix),
      "--no-tui",
      "--scenario",
      "lab",
      "--rate",
      "500",
      "--duration",
      "25s",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const whole = await verifyJson(prefix);
    assert.equal(whole.code, 0, whole.stderr);
    const { code, report, stderr } = await verifyJson(prefix, ["--since", "12s", "--until", "18s"]);
    assert.equal(code, 0, `${stderr}\n${JSON.stringify(report, null, 2)}`);
    const t = Object.values(report.topics)[0] as TopicReport & { ackedInWindow?: number };
    const all = Object.values(whole.report.topics)[0]!;
    // One 10 s interval of a 25 s run at 500/s: about 5,000 records, less than the whole run.
    assert.ok(
      t.ackedInWindow !== undefined && t.ackedInWindow > 1000 && t.ackedInWindow < all.distinct,
      JSON.stringify(t),
    );
    // Exactly what was acked in it, unless a retried batch acked late shares the window's offsets.
    assert.ok(
      t.distinct >= t.ackedInWindow && t.distinct < t.ackedInWindow * 1.01,
      `${t.distinct} distinct, ${t.ackedInWindow} acked`,
    );
    assert.equal(t.missing.unexplained, 0);
    const text = await verify(prefix, ["--since", "12s", "--until", "18s"]);
    assert.match(text.stdout, /window: \S+ \S+ UTC to \S+ \S+ UTC \(--since\/--until rounded out/);
    assert.match(text.stdout, /acked in the window [\d,]+/);
    const bad = await verify(prefix, ["--since", "yesterday"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--since.*must be an ISO time with its zone/);
  },
);
