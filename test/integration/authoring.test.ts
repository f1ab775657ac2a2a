/**
 * Your own fleet through dist/surge, as a new user types it: init from a sample → scenario check →
 * sample → dry run; scenario check's report on a broken file; and the README's flow against the
 * real broker: 100,000 devices of the inferred fleet with an anomaly, then surge verify OK.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { runSurge, uniquePrefix } from "../helpers/surge.ts";

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "surge-authoring-"));
});
after(() => rm(dir, { recursive: true, force: true }));

const SAMPLE = {
  deviceId: "pump-00017",
  timestamp: "2024-05-01T12:00:00.123+02:00",
  status: "running",
  metrics: { flow_lpm: 42.7, pressure_bar: 3.2, temperature: 48.5 },
  "valve.open": true,
  battery: 91,
  readings: [
    { at: 1714557600, v: 1.5 },
    { at: 1714557601, v: 1.75 },
  ],
  alarms: [],
  note: null,
};

test("init → scenario check → sample → dry run, through the binary", { timeout: 120_000 }, async () => {
  const sample = join(dir, "pump.json");
  const fleet = join(dir, "pump-fleet.yaml");
  await writeFile(sample, JSON.stringify(SAMPLE, null, 2));
  const init = await runSurge(["init", "--from-sample", sample, "--out", fleet]);
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stderr, /wrote .*pump-fleet\.yaml: 1 device kind \(pump\)/);
  assert.match(await readFile(fleet, "utf8"), /valve_open: .*# "valve\.open" in the sample, renamed/);

  const again = await runSurge(["init", "--from-sample", sample, "--out", fleet]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already exists/);

  const check = await runSurge(["scenario", "check", fleet]);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /ok\n {2}kind pump: share 1, \d+ fields, writes to data/);

  const shown = await runSurge(["sample", "--scenario", fleet, "-n", "3", "--seed", "5"]);
  assert.equal(shown.code, 0, shown.stderr);
  const blocks = shown.stdout.trim().split("\n\n");
  assert.equal(blocks.length, 3);
  for (const block of blocks) {
    const [topic, key, headers, ...json] = block.split("\n");
    assert.match(topic ?? "", /^topic: {3}pump-fleet-events$/);
    assert.match(key ?? "", /^key: {5}pump-\d{5}$/);
    assert.match(headers ?? "", /"surge-seq":"0"/);
    const event = JSON.parse(json.join("\n")) as Record<string, unknown>;
    assert.deepEqual(Object.keys(event).sort(), [
      "alarms",
      "battery",
      "deviceId",
      "metrics",
      "note",
      "readings",
      "status",
      "timestamp",
      "valve_open",
    ]);
    assert.match(String(event["timestamp"]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+02:00$/);
    assert.equal((event["readings"] as unknown[]).length, 2);
  }

  const dry = await runSurge(["--scenario", fleet, "--dry-run", "--count", "2000", "--rate", "max", "--no-tui"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /generated 2,000\s+acked 2,000\s+failed 0\s+unsent 0/);
});

test("init refuses a top-level list and a JSON Schema of a list with exit 2 and one line", async () => {
  const list = join(dir, "list.json");
  await writeFile(list, JSON.stringify([SAMPLE]));
  const r = await runSurge(["init", "--from-sample", list]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^surge: .*list\.json: a JSON list at the top: a sample is one event/);
  const schema = join(dir, "schema.json");
  await writeFile(schema, JSON.stringify({ type: "array", items: { type: "number" } }));
  const s = await runSurge(["init", "--from-json-schema", schema]);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /describes a list, not an event object/);
});

test("scenario check reports several problems at once with line:col and did-you-mean, exit 2", async () => {
  const bad = join(dir, "bad.yaml");
  await writeFile(
    bad,
    [
      "name: bad",
      "devices: 10",
      "topics: {data: bad-events}",
      "fleet:",
      "  pump:",
      "    fields:",
      "      id: {gen: id}",
      "      temp: {gen: raeding, mean: 20, min: 0, max: 50}",
      "      flow: {gen: walk, mean: 5, min: 0, max: 10, revertion: 0.1}",
      "    topics: {data: {}}",
      "",
    ].join("\n"),
  );
  const r = await runSurge(["scenario", "check", bad]);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /bad\.yaml:8:14: fleet\.pump\.fields\.temp\.gen: unknown generator "raeding" \(did you mean "reading"\?\)/,
  );
  assert.match(
    r.stderr,
    /bad\.yaml:9:\d+: fleet\.pump\.fields\.flow: unknown key "revertion" \(did you mean "reversion"\?\)/,
  );
  assert.match(r.stderr, /2 problems in/);
});

test(
  "the README's flow: a sample → 100,000 devices to the real broker with an anomaly → surge verify OK",
  { timeout: 120_000 },
  async () => {
    const brokers = await ensureBroker();
    const sample = join(dir, "meter.json");
    const fleet = join(dir, "meter-fleet.yaml");
    await writeFile(sample, JSON.stringify({ meter_id: "m-000001", ts: 1714557600123, power_w: 1250.5, status: "ok" }));
    const init = await runSurge(["init", "--from-sample", sample, "--out", fleet]);
    assert.equal(init.code, 0, init.stderr);
    // The user's edit: the commented timeline at the end of the file, switched on and shortened.
    const text = (await readFile(fleet, "utf8"))
      .replace("# timeline:", "timeline:")
      .replace("#   - at: 30s", "  - at: 2s")
      .replace("#     inject: {kind: spike, share: 5%, for: 1m}", "    inject: {kind: spike, share: 5%, for: 5s}");
    await writeFile(fleet, text);
    const prefix = uniquePrefix("authoring");
    const run = await runSurge(
      [
        "--scenario",
        fleet,
        "--brokers",
        brokers,
        "--devices",
        "100000",
        "--rate",
        "2000",
        "--duration",
        "10s",
        "--no-tui",
        "--topic-prefix",
        prefix,
      ],
      { timeoutMs: 90_000 },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /spike started: 5% of devices/);
    const runId = /run (\S+)$/m.exec(run.stderr)?.[1];
    assert.ok(runId, run.stderr);
    const verify = await runSurge(["verify", "--brokers", brokers, "--run", runId], { timeoutMs: 90_000 });
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /injected: spike/);
    assert.match(verify.stdout, /OK: nothing was lost or duplicated/);
  },
);
