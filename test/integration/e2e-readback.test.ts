/**
 * --e2e without --follow (the raw Fetch tail reader): against a real broker it reads back exactly
 * what the run wrote (not the records already on the topic) and measures every record, for
 * compressed batches too; below 100 % sampling it reads the tail only, and what it read and passed
 * over add up to what was acked.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import kafkajs from "kafkajs";
import { ensureBroker } from "../helpers/broker.ts";
import { runSurge } from "../helpers/surge.ts";

interface Stats {
  count: number;
  p50: number;
  max: number;
  negative: number;
}
interface Summary {
  totals: { generated: number; acked: number; failed: number };
  topics: Record<string, { acked: number }>;
  e2e: {
    sample: number;
    topics: Record<
      string,
      { read: number; skipped: number; sampled: number; sendToReadableMs: Stats; intendedToReadableMs: Stats }
    >;
  };
}

let brokers = "";
let dir = "";

before(
  async () => {
    brokers = await ensureBroker();
    dir = await mkdtemp(join(tmpdir(), "surge-e2e-"));
  },
  { timeout: 120_000 },
);

for (const [compression, sample] of [
  ["none", "100%"],
  ["gzip", "100%"],
  ["none", "1%"],
] as const) {
  const all = sample === "100%";
  test(
    all
      ? `--e2e (${compression}): read back = acked, every record measured`
      : `--e2e --e2e-sample 1% (${compression}): the tail read, the rest passed over and counted; at most every 100th measured`,
    { timeout: 120_000 },
    async () => {
      const prefix = `e2erb-${compression}-${all ? "all" : "tail"}-${Date.now().toString(36)}-`;
      // Records already on a topic before the run are not read back.
      const kafka = new kafkajs.Kafka({ brokers: [brokers], logLevel: kafkajs.logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: `${prefix}device-data`, numPartitions: 3 }] });
      await admin.disconnect();
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: `${prefix}device-data`,
        messages: Array.from({ length: 50 }, (_, i) => ({ value: `old-${i}`, headers: { "surge-at": "1,1" } })),
      });
      await producer.disconnect();

      const summary = join(dir, `${compression}-${all ? "all" : "tail"}.json`);
      const r = await runSurge(
        [
          "--brokers",
          brokers,
          "--scenario",
          "industrial",
          "--topic-prefix",
          prefix,
          "--devices",
          "1000",
          "--rate",
          "1500",
          "--duration",
          "4s",
          "--no-tui",
          "--compression",
          compression,
          "--e2e",
          "--e2e-sample",
          sample,
          "--summary-json",
          summary,
        ],
        { timeoutMs: 90_000 },
      );
      assert.equal(r.code, 0, r.stderr + r.stdout);
      const s = JSON.parse(await readFile(summary, "utf8")) as Summary;
      assert.equal(s.totals.failed, 0);
      assert.equal(s.totals.acked, s.totals.generated);
      assert.equal(s.e2e.sample, all ? 1 : 0.01);
      const names = Object.keys(s.topics);
      assert.ok(names.length >= 2, `topics: ${names.join(", ")}`);
      for (const name of names) {
        const acked = s.topics[name]!.acked;
        const e = s.e2e.topics[name];
        assert.ok(e, `no e2e figures for ${name}`);
        assert.ok(acked > 0);
        if (all) {
          assert.equal(e.read, acked, `${name}: read back ${e.read} of ${acked} acked`);
          assert.equal(e.skipped, 0);
          assert.equal(e.sampled, acked, `${name}: measured ${e.sampled} of ${acked}`);
        } else {
          assert.equal(e.read + e.skipped, acked, `${name}: read ${e.read} + passed over ${e.skipped} of ${acked}`);
          assert.ok(e.sampled <= Math.floor(acked / 100), `${name}: measured ${e.sampled} of ${acked}`);
        }
        assert.equal(e.sendToReadableMs.count, e.sampled);
        assert.equal(e.intendedToReadableMs.count, e.sampled);
        if (e.sampled > 0) {
          assert.equal(e.sendToReadableMs.negative, 0, "same process, same clock: nothing negative");
          assert.ok(e.sendToReadableMs.max < 30_000, `send→readable max ${e.sendToReadableMs.max} ms`);
        }
      }
      assert.ok(s.e2e.topics[`${prefix}device-data`]!.sampled > 0, "nothing measured on the main topic");
    },
  );
}
