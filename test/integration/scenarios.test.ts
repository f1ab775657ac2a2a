/**
 * Every built-in scenario, produced by the compiled binary to the real local broker, then read
 * back: every record's fields are present, typed and in range, keys are what the scenario says,
 * and the records in each topic are exactly the acked ones.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { before, test } from "node:test";
import { recordChecks } from "../../src/sim/checks/index.ts";
import { ensureBroker } from "../helpers/broker.ts";
import { consumeAll } from "../helpers/consume.ts";
import { runSurge, uniquePrefix } from "../helpers/surge.ts";

interface Summary {
  scenario: string;
  totals: { generated: number; acked: number; failed: number; unsent: number };
  topics: Record<string, { role: string; generated: number; acked: number; failed: number; unsent: number }>;
}

let brokers = "";
before(async () => {
  brokers = await ensureBroker();
});

/** Which field of the JSON value the record key must equal, per scenario and topic role. */
const KEY_FIELD: Record<string, Record<string, (v: Record<string, unknown>) => unknown>> = {
  industrial: { data: (v) => v["device_id"], alerts: (v) => v["device_id"] },
  lab: { data: (v) => v["sensor_id"] },
  cameras: { events: (v) => v["camera_id"] },
  retail: {
    temperature: (v) => v["epc"] ?? v["device_epc"] ?? v["device_id"],
    price: (v) => v["epc"] ?? v["device_epc"] ?? v["device_id"],
  },
};

const CASES = [
  { scenario: "industrial", count: 3000, extra: ["--devices", "500"] },
  { scenario: "retail", count: 3000, extra: ["--devices", "300"] },
  { scenario: "lab", count: 2000, extra: [] },
  { scenario: "cameras", count: 1000, extra: [] },
];

for (const c of CASES) {
  test(`${c.scenario}: every consumed record is valid and consumed = acked`, { timeout: 180_000 }, async () => {
    const prefix = uniquePrefix(c.scenario);
    const summaryPath = join(tmpdir(), `${prefix}summary.json`);
    const run = await runSurge([
      "--scenario",
      c.scenario,
      "--brokers",
      brokers,
      "--rate",
      "max",
      "--count",
      String(c.count),
      "--topic-prefix",
      prefix,
      "--seed",
      "7",
      "--no-tui",
      "--summary-json",
      summaryPath,
      ...c.extra,
    ]);
    assert.equal(run.code, 0, `surge failed:\n${run.stderr}`);
    const summary = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
    assert.equal(summary.scenario, c.scenario);
    assert.equal(summary.totals.failed + summary.totals.unsent, 0);
    assert.ok(summary.totals.acked >= c.count, `acked ${summary.totals.acked} < ${c.count}`);

    for (const [topic, stats] of Object.entries(summary.topics)) {
      assert.ok(topic.startsWith(prefix), `topic ${topic} lacks the prefix`);
      const records = await consumeAll(brokers, topic);
      assert.equal(records.length, stats.acked, `${topic}: consumed ${records.length}, acked ${stats.acked}`);
      const check = recordChecks[c.scenario]?.[stats.role];
      assert.ok(check, `no record check for ${c.scenario}/${stats.role}`);
      const keyOf = KEY_FIELD[c.scenario]?.[stats.role];
      const problems: string[] = [];
      for (const r of records) {
        let value: Record<string, unknown>;
        try {
          value = JSON.parse(r.value) as Record<string, unknown>;
        } catch {
          problems.push(`not JSON: ${r.value.slice(0, 80)}`);
          continue;
        }
        for (const p of check(value)) problems.push(`${topic} ${r.key}: ${p}`);
        if (keyOf && keyOf(value) !== undefined && keyOf(value) !== r.key)
          problems.push(`${topic}: key ${r.key} is not ${String(keyOf(value))}`);
      }
      assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
    }
    // Topics the scenario writes to must all have received something (alerts may be rare).
    const roles = Object.values(summary.topics).filter((t) => t.role !== "alerts");
    for (const t of roles) assert.ok(t.acked > 0, `role ${t.role} received nothing`);
  });
}
