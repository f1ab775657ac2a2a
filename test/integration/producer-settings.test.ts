/**
 * Producer settings through the compiled binary against the real broker: every compression codec
 * and every acks level delivers all records, and they read back intact.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { consumeAll } from "../helpers/consume.ts";
import { javaConsume, storedCodecs } from "../helpers/kafka-tools.ts";
import { runSurge, uniquePrefix } from "../helpers/surge.ts";

let brokers = "";
before(async () => {
  brokers = await ensureBroker();
});

interface Summary {
  totals: { generated: number; acked: number; failed: number; unsent: number };
  topics: Record<string, { acked: number }>;
}

/** Runs surge (lab, 2000 events, one partition) and returns the topic it wrote. */
async function produce(name: string, flags: string[]): Promise<string> {
  const prefix = uniquePrefix(name);
  const summaryPath = join(tmpdir(), `${prefix}summary.json`);
  const r = await runSurge([
    "--scenario",
    "lab",
    "--brokers",
    brokers,
    "--count",
    "2000",
    "--rate",
    "max",
    "--topic-prefix",
    prefix,
    "--partitions",
    "1",
    "--no-tui",
    "--summary-json",
    summaryPath,
    ...flags,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
  assert.equal(s.totals.generated, 2000);
  assert.equal(s.totals.acked, 2000);
  return `${prefix}sensor-data`;
}

const assertLabRecords = (values: string[]): void => {
  assert.equal(values.length, 2000);
  for (const v of values) assert.equal(typeof (JSON.parse(v) as { sensor_id: unknown }).sensor_id, "string");
};

for (const codec of ["none", "gzip", "snappy", "lz4", "zstd"]) {
  test(
    `--compression ${codec} inside the binary: stored compressed, read back by Kafka's Java consumer`,
    { timeout: 120_000 },
    async () => {
      const topic = await produce(`codec-${codec}`, ["--compression", codec]);
      const codecs = new Set(await storedCodecs(topic));
      assert.deepEqual([...codecs], [codec === "none" ? "none" : codec]);
      assertLabRecords((await javaConsume(brokers, topic, 2000)).map((r) => r.value));
    },
  );
}

for (const acks of ["0", "1", "all"]) {
  test(`--acks ${acks}: all records delivered`, { timeout: 120_000 }, async () => {
    const topic = await produce(`acks-${acks}`, ["--acks", acks]);
    assertLabRecords((await consumeAll(brokers, topic)).map((r) => r.value));
  });
}

test("--partitioner fnv1a puts each device on one fixed partition", { timeout: 120_000 }, async () => {
  const prefix = uniquePrefix("fnv");
  const r = await runSurge([
    "--scenario",
    "industrial",
    "--devices",
    "50",
    "--brokers",
    brokers,
    "--count",
    "1000",
    "--rate",
    "max",
    "--partitioner",
    "fnv1a",
    "--partitions",
    "4",
    "--topic-prefix",
    prefix,
    "--no-tui",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const records = await consumeAll(brokers, `${prefix}device-data`);
  assert.equal(records.length, 1000);
  const partitionOf = new Map<string, number>();
  for (const rec of records) {
    const seen = partitionOf.get(rec.key);
    if (seen !== undefined) assert.equal(rec.partition, seen, `${rec.key} moved partitions`);
    partitionOf.set(rec.key, rec.partition);
  }
  assert.equal(partitionOf.size, 50);
  assert.ok(new Set(partitionOf.values()).size > 1, "every device on one partition");
});
