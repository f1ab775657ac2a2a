/**
 * --follow across clusters: MirrorMaker 2 (Apache Kafka's connect-mirror in dedicated mode,
 * scripts/pipelines/mirror-maker.sh) replicates surge's topic from cluster A to "A.<topic>" on
 * cluster B, two single-node clusters of this test's own; surge writes to A and follows the copy
 * on B with --follow-brokers. Nothing is lost: matched = acked, never out 0.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import kafkajs from "kafkajs";
import { startMirrorMaker, type Pipeline, waitForFlow } from "../helpers/pipelines.ts";
import { privateBroker } from "../helpers/private-broker.ts";
import { runSurge, uniquePrefix } from "../helpers/surge.ts";

const clusterA = privateBroker("mm2-a");
const clusterB = privateBroker("mm2-b");
let a = "";
let b = "";
let pipe: Pipeline | undefined;
const prefix = uniquePrefix("mm2");
const IN = `${prefix}device-data`;
const OUT = `A.${IN}`;

before(
  async () => {
    [a, b] = await Promise.all([clusterA.up(), clusterB.up()]);
    const admin = new kafkajs.Kafka({ brokers: [a], logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: IN, numPartitions: 3 }] });
    await admin.disconnect();
    pipe = await startMirrorMaker(a, b, IN);
    // MirrorMaker 2 creates A.<IN> on B with IN's partitions once it has seen the topic.
    await waitForFlow(a, IN, OUT, 240_000, b);
    // surge's --follow consumers join a group on each cluster: a fresh cluster makes its
    // __consumer_offsets on the first ask, which on a loaded machine can outlast the 30 s join.
    await Promise.all([coordinatorReady(a, IN), coordinatorReady(b, OUT)]);
  },
  { timeout: 420_000 },
);

async function coordinatorReady(brokers: string, topic: string): Promise<void> {
  const admin = new kafkajs.Kafka({ brokers: [brokers], logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  const started = Date.now();
  try {
    for (;;) {
      try {
        await admin.fetchOffsets({ groupId: `${prefix}warm-up`, topics: [topic] });
        return;
      } catch (error) {
        if (Date.now() - started > 180_000) throw error;
      }
    }
  } finally {
    await admin.disconnect();
  }
}

after(async () => {
  await pipe?.stop();
  await Promise.all([clusterA.down(), clusterB.down()]);
});

test(
  "MirrorMaker 2 from cluster A to B, followed with --follow-brokers: matched = acked, nothing never out",
  { timeout: 300_000 },
  async () => {
    const summary = join(await mkdtemp(join(tmpdir(), "surge-mm2-")), "summary.json");
    const r = await runSurge(
      [
        "--brokers",
        a,
        "--scenario",
        "industrial",
        "--topic-prefix",
        prefix,
        "--devices",
        "1000",
        "--count",
        "3000",
        "--rate",
        "500",
        "--no-tui",
        "--follow",
        `${OUT}=data`,
        "--follow-brokers",
        b,
        "--follow-grace",
        "60s",
        "--summary-json",
        summary,
      ],
      { timeoutMs: 240_000 },
    );
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const s = JSON.parse(await readFile(summary, "utf8")) as {
      topics: Record<string, { acked: number }>;
      e2e: {
        follows: Record<string, { expected: number; matched: number; neverOut: number; sendToOutMs: { p50: number } }>;
      };
    };
    const f = s.e2e.follows[OUT];
    assert.ok(f, `no follow of ${OUT} in ${JSON.stringify(s.e2e)}`);
    const acked = s.topics[IN]?.acked ?? 0;
    assert.ok(acked > 0, "nothing acked on A");
    assert.equal(f.expected, acked);
    assert.equal(f.matched, acked, `matched ${f.matched} of ${acked} acked`);
    assert.equal(f.neverOut, 0);
    assert.ok(f.sendToOutMs.p50 > 0, "send→out measured through MirrorMaker 2");
    assert.match(r.stdout, new RegExp(`${IN} → pipeline → ${OUT.replaceAll(".", "\\.")}`));
  },
);

test(
  "surge verify --follow --follow-brokers judges the copy on cluster B: everything came out, once",
  { timeout: 180_000 },
  async () => {
    const r = await runSurge(["verify", "--brokers", a, "--follow", `${OUT}=data`, "--follow-brokers", b, "--json"], {
      timeoutMs: 150_000,
    });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const report = JSON.parse(r.stdout) as {
      topics: Record<string, { received: number; missing: { total: number } }>;
    };
    const piped = report.topics[`${IN} → ${OUT}`];
    assert.ok(piped, `no pipeline verdict in ${Object.keys(report.topics).join(", ")}`);
    assert.equal(piped.received, report.topics[IN]?.received);
    assert.equal(piped.missing.total, 0);
  },
);
