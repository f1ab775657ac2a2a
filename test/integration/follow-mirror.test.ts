/**
 * --follow through MirrorMaker 2's MirrorSourceConnector (Apache Kafka's connect-mirror, in a
 * standalone Connect worker started by scripts/pipelines/mirror-filter.sh) whose Filter transform
 * drops every record carrying the surge-anomaly header. A spike on 1 % of the devices marks
 * exactly 1 % of the records (1000 devices, 4 whole rounds): surge reports exactly those as never
 * out and names them; everything else matched.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import kafkajs from "kafkajs";
import { ensureBroker, repoRoot } from "../helpers/broker.ts";
import { startMirrorFilter, type Pipeline, waitForFlow } from "../helpers/pipelines.ts";
import { runSurge, uniquePrefix } from "../helpers/surge.ts";

let brokers = "";
let pipe: Pipeline | undefined;
let dir = "";
const prefix = uniquePrefix("mirror");
const IN = `${prefix}device-data`;
const OUT = `src.${IN}`;

before(
  async () => {
    brokers = await ensureBroker();
    const kafka = new kafkajs.Kafka({ brokers: [brokers], logLevel: kafkajs.logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [IN, OUT, `${prefix}alerts`].map((topic) => ({ topic, numPartitions: 3 })) });
    await admin.disconnect();
    dir = await mkdtemp(join(tmpdir(), "surge-mirror-"));
    pipe = await startMirrorFilter(brokers, IN);
    await waitForFlow(brokers, IN, OUT);
  },
  { timeout: 240_000 },
);

after(async () => {
  await pipe?.stop();
});

test(
  "a pipeline dropping 1 % of the records (MirrorSourceConnector + Filter) is reported as 1 % never out",
  { timeout: 300_000 },
  async () => {
    const industrial = await readFile(join(repoRoot, "configs/industrial.yaml"), "utf8");
    const scenario = join(dir, "marked.yaml");
    await writeFile(scenario, `${industrial}\ntimeline:\n  - at: 0s\n    inject: {kind: spike, share: 1%, for: 1h}\n`);
    const summary = join(dir, "summary.json");
    const r = await runSurge(
      [
        "--brokers",
        brokers,
        "--scenario",
        scenario,
        "--topic-prefix",
        prefix,
        "--devices",
        "1000",
        "--count",
        "4000",
        "--rate",
        "500",
        "--no-tui",
        "--anomalies-topic",
        `${prefix}truth`,
        "--follow",
        `${OUT}=data`,
        "--follow-grace",
        "30s",
        "--summary-json",
        summary,
      ],
      { timeoutMs: 240_000 },
    );
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const s = JSON.parse(await readFile(summary, "utf8")) as {
      topics: Record<string, { acked: number }>;
      e2e: {
        follows: Record<
          string,
          { expected: number; matched: number; neverOut: number; duplicated: number; neverOutExamples: string[] }
        >;
      };
    };
    const f = s.e2e.follows[OUT]!;
    assert.equal(s.topics[IN]?.acked, 4000);
    assert.equal(f.expected, 4000);
    assert.equal(f.neverOut, 40, `never out ${f.neverOut} of ${f.expected}`);
    assert.equal(f.matched, 3960);
    assert.equal(f.duplicated, 0);
    assert.match(r.stdout, /NEVER OUT 40 \(1\.00 %\)/);
    // The records named are the spiked devices' (one contiguous block of 10 devices).
    const devices = new Set(f.neverOutExamples.map((k) => Number(k.split(":")[0])));
    assert.ok(Math.max(...devices) - Math.min(...devices) < 10, `never out from devices ${[...devices].join(", ")}`);
  },
);

test(
  "surge verify --follow judges the pipeline's output with verify's ledger: the 40 dropped are lost there, not in the input",
  { timeout: 120_000 },
  async () => {
    const r = await runSurge(
      ["verify", "--brokers", brokers, "--anomalies-topic", `${prefix}truth`, "--follow", `${OUT}=data`, "--json"],
      { timeoutMs: 120_000 },
    );
    assert.equal(r.code, 1, r.stderr + r.stdout);
    const report = JSON.parse(r.stdout) as {
      topics: Record<string, { received: number; missing: { total: number; unexplained: number } }>;
    };
    assert.equal(report.topics[IN]?.missing.total, 0, "the input has everything");
    const piped = report.topics[`${IN} → ${OUT}`];
    assert.ok(piped, `no pipeline verdict in ${Object.keys(report.topics).join(", ")}`);
    assert.equal(piped.received, 3960);
    assert.equal(piped.missing.unexplained, 40);
    const text = await runSurge([
      "verify",
      "--brokers",
      brokers,
      "--anomalies-topic",
      `${prefix}truth`,
      "--follow",
      `${OUT}=data`,
    ]);
    assert.match(text.stdout, new RegExp(`FAILED: lost 40 of ${IN} → ${OUT.replaceAll(".", "\\.")}`));
  },
);
