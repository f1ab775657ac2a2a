/**
 * Anomalies against the real broker: what a timeline and stdin inject is visible in the consumed
 * records' headers and values, and the ground-truth topic says exactly what was injected.
 */
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { consumeAll, type ConsumedRecord } from "../helpers/consume.ts";
import { startSurge, uniquePrefix } from "../helpers/surge.ts";
import type { AnomalyRecord, TruthRecord } from "../../src/truth/records.ts";

let brokers = "";
before(async () => {
  brokers = await ensureBroker();
});

const SCENARIO = `
name: anomalies-it
model: lab
devices: 200
sampleInterval: 100ms
topics: {data: sensor-data}
timeline:
  - at: 0s
    inject: {kind: malformed, share: 10%, for: 1h}
  - at: 0s
    inject: {kind: late, share: 10%, for: 1h, magnitude: 600}
`;

interface Summary {
  runId: string;
  topics: Record<string, { generated: number; acked: number; dropped: number; duplicated: number; inFlight: number }>;
}

/** Not JSON, or not the lab schema: sensor_id a string, value a number. */
function broken(value: string): boolean {
  try {
    const v = JSON.parse(value) as { sensor_id?: unknown; value?: unknown };
    return typeof v.sensor_id !== "string" || typeof v.value !== "number";
  } catch {
    return true;
  }
}

const kindsOf = (r: ConsumedRecord): string[] => (r.headers["surge-anomaly"] ?? "").split(",").filter(Boolean);

test(
  "timeline and stdin anomalies: marked records, changed values, and a ground truth that matches",
  { timeout: 180_000 },
  async () => {
    const prefix = uniquePrefix("anomalies");
    const truthTopic = `${prefix}truth`;
    const scenarioPath = join(tmpdir(), `${prefix}scenario.yaml`);
    const summaryPath = join(tmpdir(), `${prefix}summary.json`);
    await writeFile(scenarioPath, SCENARIO);
    const startedMs = Date.now();
    const surge = startSurge([
      "--scenario",
      scenarioPath,
      "--brokers",
      brokers,
      "--rate",
      "1000",
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      truthTopic,
      "--no-tui",
      "--interval",
      "500ms",
      "--summary-json",
      summaryPath,
      "--seed",
      "7",
    ]);
    await surge.waitFor(/event: late started: 10% of devices \(\d+–\d+\) for 3600s \(timeline\)/);
    surge.write("inject duplicate 5% 1s");
    await surge.waitFor(/event: duplicate ended/);
    surge.write("inject dropout 5% 60s");
    await surge.waitFor(/event: dropout started/);
    await surge.waitFor(/records [\d,]{5,} /);
    surge.write("quit");
    const result = await surge.done;
    assert.equal(result.code, 0, result.stderr);

    const summary = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
    const topicName = `${prefix}sensor-data`;
    const topic = summary.topics[topicName]!;
    assert.equal(topic.inFlight, 0);
    assert.ok(topic.duplicated > 0 && topic.dropped > 0, JSON.stringify(topic));

    const truth = (await consumeAll(brokers, truthTopic)).map((r) => JSON.parse(r.value) as TruthRecord);
    assert.equal(truth[0]?.type, "run-start");
    assert.equal(truth.at(-1)?.type, "run-end");
    const anomalies = new Map<number, AnomalyRecord>();
    for (const t of truth) if (t.type === "anomaly") anomalies.set(t.id, t);
    assert.deepEqual(
      [...anomalies.values()].map((a) => [a.kind, a.source]),
      [
        ["malformed", "timeline"],
        ["late", "timeline"],
        ["duplicate", "stdin"],
        ["dropout", "stdin"],
      ],
    );
    for (const t of truth) assert.equal(t.run, summary.runId);
    const byKind = (kind: string): AnomalyRecord => [...anomalies.values()].find((a) => a.kind === kind)!;
    const inRange = (a: AnomalyRecord, device: number): boolean =>
      device >= a.devices.from && device < a.devices.from + a.devices.count;

    const records = await consumeAll(brokers, topicName);
    assert.equal(records.length, topic.acked);
    const copies = new Map<string, number>();
    for (const r of records) {
      assert.equal(r.headers["surge-run"], summary.runId);
      const device = Number(r.headers["surge-device"]);
      const kinds = kindsOf(r);
      // Marked exactly when the device was hit by an anomaly covering the record's time.
      for (const kind of ["malformed", "late"])
        assert.equal(kinds.includes(kind), inRange(byKind(kind), device), `${kind} on device ${device}`);
      const ts =
        Date.parse(
          (JSON.parse(kinds.includes("malformed") ? "{}" : r.value) as { timestamp?: string }).timestamp ?? "",
        ) || NaN;
      if (!kinds.includes("malformed")) {
        if (kinds.includes("late")) assert.ok(ts < startedMs - 500_000, `late record at ${ts}`);
        else assert.ok(ts >= startedMs - 5_000, `on-time record at ${ts}`);
      }
      if (kinds.includes("malformed")) assert.ok(broken(r.value), `malformed record still well-formed: ${r.value}`);
      else assert.ok(!broken(r.value), `healthy record broken: ${r.value}`);
      assert.ok(!kinds.includes("dropout"), "dropped records are never sent");
      if (kinds.includes("duplicate")) {
        const id = `${device}/${r.headers["surge-seq"]}`;
        copies.set(id, (copies.get(id) ?? 0) + 1);
      }
    }
    assert.ok(copies.size > 0);
    for (const [id, n] of copies) assert.equal(n, 2, `duplicate ${id} sent twice`);
    assert.equal(copies.size, topic.duplicated);
  },
);
