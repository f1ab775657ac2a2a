/**
 * A fleet that is not a built-in (smart meters and gateways: two kinds, nested arrays, omitted
 * and null fields, headers, conditional alerts, N records per event), declared in a scenario file,
 * produced by the compiled binary to the real local broker, read back and checked field by field
 * against its declaration; `surge verify` accounts for every record; a stuck anomaly on the
 * declared readings repeats the device's last value on the records marked with it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { consumeAll, type ConsumedRecord } from "../helpers/consume.ts";
import { runSurge, uniquePrefix } from "../helpers/surge.ts";
import { SMART_METERS } from "../unit/sim/declared/fixtures.ts";

let brokers = "";
before(async () => {
  brokers = await ensureBroker();
});

function scenarioFile(extra = ""): string {
  const dir = mkdtempSync(join(tmpdir(), "surge-fleet-it-"));
  const file = join(dir, "smart-meters.yaml");
  writeFileSync(file, `name: smart-meters\ndevices: 400\nsampleInterval: 1s\n${extra}${SMART_METERS}`);
  return file;
}

type Value = Record<string, unknown>;
const parse = (r: ConsumedRecord): Value => JSON.parse(r.value) as Value;

/** Every field of a meter event against its declaration; [] when all hold. */
function meterProblems(v: Value): string[] {
  const out: string[] = [];
  const want = (ok: boolean, what: string): void =>
    void (ok || out.push(`${what}: ${JSON.stringify(v).slice(0, 200)}`));
  want(/^mtr-\d{5}$/.test(String(v["meter_id"])), "meter_id");
  want(/^SM-\d{4}-[A-Z]{2}$/.test(String(v["serial"])), "serial");
  want(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(String(v["mac"])), "mac");
  want(/^35693803\d{7}$/.test(String(v["imei"])), "imei");
  want(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(String(v["uuid"])), "uuid");
  want(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(String(v["ts"])), "ts");
  want(Number.isInteger(v["seq"]) && (v["seq"] as number) >= 1, "seq");
  want(
    typeof v["energy_kwh"] === "number" && (v["energy_kwh"] as number) >= 0 && (v["energy_kwh"] as number) < 100000,
    "energy_kwh",
  );
  want(["standard", "economy", "business"].includes(String(v["tariff"])), "tariff");
  const phases = v["phases"];
  want(
    Array.isArray(phases) &&
      phases.length === 3 &&
      phases.every(
        (p: Value) => (p["volts"] as number) >= 200 && (p["volts"] as number) <= 260 && (p["amps"] as number) >= 0,
      ),
    "phases",
  );
  want(Number.isInteger(v["power_w"]) && (v["power_w"] as number) >= 0 && (v["power_w"] as number) <= 10000, "power_w");
  want(v["status"] === ((v["power_w"] as number) > 2500 ? "high" : "ok"), "status");
  want(v["note"] === undefined || v["note"] === null || v["note"] === "a" || v["note"] === "b", "note");
  const tags = v["tags"];
  want(Array.isArray(tags) && tags.length <= 3, "tags");
  want(Number.isInteger(v["battery"]) && (v["battery"] as number) >= 5 && (v["battery"] as number) <= 100, "battery");
  want(Number.isInteger(v["rssi"]) && (v["rssi"] as number) >= -120 && (v["rssi"] as number) <= -30, "rssi");
  return out;
}

test(
  "a declared smart-meter fleet: produced, consumed back, every field as declared, verify OK",
  { timeout: 240_000 },
  async () => {
    const prefix = uniquePrefix("fleet");
    const truth = `${prefix}truth`;
    const run = await runSurge([
      "--scenario",
      scenarioFile(),
      "--brokers",
      brokers,
      "--rate",
      "2000",
      "--count",
      "3000",
      "--seed",
      "5",
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      truth,
      "--no-tui",
    ]);
    assert.equal(run.code, 0, run.stderr);

    const data = await consumeAll(brokers, `${prefix}meter-readings`);
    const alerts = await consumeAll(brokers, `${prefix}meter-alerts`);
    const meters = data.filter((r) => r.value.includes('"meter_id"'));
    const bursts = data.filter((r) => r.value.includes('"gateway_id"'));
    assert.ok(meters.length > 1500, `${meters.length} meter events`);
    assert.ok(bursts.length > 0, "gateway burst records arrive");
    const problems: string[] = [];
    const byMeter = new Map<string, Value[]>();
    for (const r of meters) {
      const v = parse(r);
      problems.push(...meterProblems(v));
      if (r.key !== v["meter_id"]) problems.push(`key ${r.key} is not ${String(v["meter_id"])}`);
      if (r.headers["kind"] !== "meter" || r.headers["tariff"] !== v["tariff"])
        problems.push(`headers ${JSON.stringify(r.headers)}`);
      if (r.headers["surge-run"] === undefined) problems.push("no ground-truth headers");
      byMeter.set(r.key, [...(byMeter.get(r.key) ?? []), v]);
    }
    for (const r of bursts) {
      const v = parse(r);
      if (!/^gw-\d+$/.test(String(v["gateway_id"])) || !Number.isInteger(v["queue"]) || !Number.isInteger(v["n"]))
        problems.push(`gateway ${r.value}`);
    }
    for (const r of alerts) {
      const v = parse(r);
      if (!((v["power"] as number) > 2500) || r.key !== v["meter_id"]) problems.push(`alert ${r.value}`);
    }
    // Per device: fixed fields stay fixed, the counter counts in order (one partition per key).
    for (const [id, events] of byMeter) {
      for (const k of ["serial", "mac", "imei", "uuid", "tariff"])
        if (new Set(events.map((e) => e[k])).size !== 1) problems.push(`${id}: ${k} changes`);
      const seqs = events.map((e) => e["seq"] as number);
      if (seqs.some((s, i) => i > 0 && s <= (seqs[i - 1] ?? 0))) problems.push(`${id}: seq ${seqs.join(",")}`);
    }
    assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);

    const verify = await runSurge(["verify", "--brokers", brokers, "--anomalies-topic", truth, "--json"], {
      timeoutMs: 120_000,
    });
    assert.equal(verify.code, 0, verify.stderr);
    const report = JSON.parse(verify.stdout) as {
      ok: boolean;
      topics: Record<string, { missing: { total: number }; duplicates: { total: number } }>;
    };
    assert.equal(report.ok, true);
    for (const t of Object.values(report.topics)) assert.equal(t.missing.total + t.duplicates.total, 0);
  },
);

test(
  "a stuck anomaly on a declared fleet: marked records repeat the device's last reading; verify OK",
  { timeout: 240_000 },
  async () => {
    const prefix = uniquePrefix("fleet-stuck");
    const truth = `${prefix}truth`;
    const timeline = "timeline:\n  - at: 0s\n    inject: {kind: stuck, share: 50%, for: 1h}\n";
    const run = await runSurge([
      "--scenario",
      scenarioFile(timeline),
      "--brokers",
      brokers,
      "--rate",
      "2000",
      "--count",
      "2400",
      "--seed",
      "9",
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      truth,
      "--no-tui",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const data = await consumeAll(brokers, `${prefix}meter-readings`);
    const stuck = new Map<string, Set<unknown>>();
    const healthy = new Map<string, Set<unknown>>();
    for (const r of data.filter((x) => x.value.includes('"meter_id"'))) {
      const into = (r.headers["surge-anomaly"] ?? "").includes("stuck") ? stuck : healthy;
      const seen = into.get(r.key) ?? new Set<unknown>();
      seen.add(parse(r)["power_w"]);
      into.set(r.key, seen);
    }
    assert.ok(stuck.size > 50 && healthy.size > 50, `${stuck.size} stuck, ${healthy.size} healthy meters`);
    // A stuck device's first marked record may still be fresh (no value yet); after it, none changes.
    for (const [id, values] of stuck) assert.ok(values.size <= 2, `${id}: ${[...values].join(",")}`);
    assert.ok(
      [...healthy.values()].some((v) => v.size > 2),
      "healthy meters move",
    );
    const verify = await runSurge(["verify", "--brokers", brokers, "--anomalies-topic", truth, "--json"], {
      timeoutMs: 120_000,
    });
    assert.equal(verify.code, 0, verify.stderr);
  },
);

test(
  "a bad fleet is exit 2 with every problem and its path, before anything is sent",
  { timeout: 60_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "surge-fleet-bad-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(
      file,
      "devices: 10\ntopics: {data: d}\nfleet:\n  k:\n    fields:\n      t: {gen: normall}\n      u: {gen: uniform, min: 5, max: 1}\n    topics: {data: {}}\n",
    );
    const r = await runSurge(["--scenario", file, "--dry-run", "--count", "10", "--no-tui"]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /fleet\.k\.fields\.t\.gen: unknown generator "normall" \(did you mean "normal"\?\)/);
    assert.match(r.stderr, /fleet\.k\.fields\.u: min: must be less than max \(1\), got 5/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
  },
);
