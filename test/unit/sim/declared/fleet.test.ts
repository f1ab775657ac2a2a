import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { builtinScenarios } from "../../../../src/config/builtins.generated.ts";
import { recordChecks } from "../../../../src/sim/checks/index.ts";
import { compileFleet } from "../../../../src/sim/declared/compile/fleet.ts";
import { validateFleet } from "../../../../src/sim/declared/validate.ts";
import { NO_EFFECTS, type ValueEffects } from "../../../../src/sim/types.ts";
import { sampleHash } from "./emit-sample.ts";
import { SMART_METERS } from "./fixtures.ts";

const root = new URL("../../../../", import.meta.url).pathname;

function compile(yamlText: string, devices = 200, seed = 1) {
  const doc = parse(yamlText) as { fleet: unknown; topics: Record<string, string> };
  const roles = Object.keys(doc.topics);
  const { fleet, errors } = validateFleet(doc.fleet, { roles });
  assert.deepEqual(errors, []);
  return compileFleet(fleet!, { devices, seed, roles, sampleIntervalMs: 1000, timeScale: 1 });
}

function records(yamlText: string, events: number, devices = 200, effects: ValueEffects = NO_EFFECTS) {
  const model = compile(yamlText, devices);
  const out: { topic: number; key: string; value: Record<string, unknown>; headers?: Record<string, string> }[] = [];
  const t0 = Date.UTC(2026, 0, 5, 12);
  for (let i = 0; i < events; i++) {
    model.emit(
      i % devices,
      t0 + i * 10,
      {
        push: (topic, key, value, headers) =>
          out.push({
            topic,
            key,
            value: JSON.parse(value) as Record<string, unknown>,
            ...(headers ? { headers } : {}),
          }),
      },
      effects,
    );
  }
  return out;
}

test("the smart-meter fleet: both kinds, nested arrays, omit / null, headers, alerts and bursts", () => {
  const out = records(SMART_METERS, 4000);
  const meters = out.filter((r) => r.topic === 0 && typeof r.value["meter_id"] === "string");
  const gateways = out.filter((r) => r.topic === 0 && typeof r.value["gateway_id"] === "string");
  assert.ok(
    meters.length > 2500 && gateways.length > 500,
    `${meters.length} meters, ${gateways.length} gateway records`,
  );
  for (const m of meters.slice(0, 500)) {
    assert.match(String(m.value["meter_id"]), /^mtr-\d{5}$/);
    assert.equal(m.key, m.value["meter_id"]);
    assert.equal(m.headers?.["kind"], "meter");
    assert.equal(m.headers?.["tariff"], m.value["tariff"]);
    assert.match(String(m.value["serial"]), /^SM-\d{4}-[A-Z]{2}$/);
    assert.match(String(m.value["imei"]), /^\d{15}$/);
    const phases = m.value["phases"] as { volts: number; amps: number }[];
    assert.equal(phases.length, 3);
    for (const p of phases) assert.ok(p.volts >= 200 && p.volts <= 260 && p.amps >= 0);
    const tags = m.value["tags"] as string[];
    assert.ok(tags.length <= 3 && tags.every((t) => ["home", "solar", "ev", "heatpump"].includes(t)));
    assert.ok(["ok", "high"].includes(String(m.value["status"])));
    assert.equal(m.value["status"], (m.value["power_w"] as number) > 2500 ? "high" : "ok");
  }
  const notes = meters.map((m) => m.value["note"]);
  const omitted = notes.filter((n) => n === undefined).length / notes.length;
  const nulls = notes.filter((n) => n === null).length / notes.length;
  assert.ok(Math.abs(omitted - 0.3) < 0.05, `omitted ${omitted}`);
  assert.ok(Math.abs(nulls - 0.7 * 0.2) < 0.04, `null ${nulls}`);
  const alerts = out.filter((r) => r.topic === 1);
  for (const a of alerts) assert.ok((a.value["power"] as number) > 2500);
  // Per device: the counter counts, the meter never goes down (no reset at this scale), the tariff is fixed.
  const byDevice = new Map<string, Record<string, unknown>[]>();
  for (const m of meters)
    byDevice.set(String(m.value["meter_id"]), [...(byDevice.get(String(m.value["meter_id"])) ?? []), m.value]);
  for (const events of byDevice.values()) {
    events.forEach((e, i) => assert.equal(e["seq"], i + 1));
    for (let i = 1; i < events.length; i++)
      assert.ok((events[i]!["energy_kwh"] as number) >= (events[i - 1]!["energy_kwh"] as number));
    assert.equal(new Set(events.map((e) => e["tariff"])).size, 1);
    assert.equal(new Set(events.map((e) => e["uuid"])).size, 1);
  }
});

test("per-device state is flat and dense per kind: each kind's arrays hold its own devices only", () => {
  const model = compile(SMART_METERS, 400);
  const sizes = new Set(model.states.map((s) => s.devices));
  assert.deepEqual(
    [...sizes].sort((a, b) => a - b),
    [100, 300],
    "shares 3:1 of 400 devices",
  );
  for (const s of model.states)
    assert.ok(["f64", "f32", "i32", "u8", "str"].includes(s.type) && s.slots >= 1, JSON.stringify(s));
  const kinds = Array.from({ length: 400 }, (_, d) => model.kindOf(d));
  assert.equal(kinds.filter((k) => k === 0).length, 300);
});

test("a kind's own sampleInterval skips visits; jitter varies when its devices sample", () => {
  const yaml = `
topics: {data: d}
fleet:
  fast: {fields: {k: fast}, topics: {data: {}}}
  slow: {sampleInterval: 3s, fields: {k: slow}, topics: {data: {}}}
  jittery: {sampleInterval: 2s, jitter: 0.5, fields: {k: jittery}, topics: {data: {}}}
`;
  const model = compile(yaml, 30);
  const counts: Record<string, number> = { fast: 0, slow: 0, jittery: 0 };
  const t0 = Date.UTC(2026, 0, 5);
  // The engine visits every device once per scenario interval (1 s here), 60 times.
  for (let visit = 0; visit < 60; visit++) {
    for (let d = 0; d < 30; d++) {
      model.emit(
        d,
        t0 + visit * 1000 + d,
        {
          push: (_t, _k, v) => {
            counts[(JSON.parse(v) as { k: string }).k]! += 1;
          },
        },
        NO_EFFECTS,
      );
    }
  }
  assert.equal(counts["fast"], 10 * 60);
  assert.equal(counts["slow"], 10 * 20);
  assert.ok(counts["jittery"]! > 10 * 20 && counts["jittery"]! < 10 * 40, `jittery ${counts["jittery"]}`);
});

test("timestamps: simulated time runs timeScale times faster than event time", () => {
  const yaml =
    "topics: {data: d}\nfleet:\n  k:\n    fields: {e: {gen: timestamp}, s: {gen: timestamp, time: simulated}}\n    topics: {data: {}}\n";
  const doc = parse(yaml) as { fleet: unknown };
  const { fleet } = validateFleet(doc.fleet, { roles: ["data"] });
  const model = compileFleet(fleet!, { devices: 1, seed: 1, roles: ["data"], sampleIntervalMs: 1000, timeScale: 60 });
  const out: { e: number; s: number }[] = [];
  const t0 = Date.UTC(2026, 0, 5);
  for (let i = 0; i < 3; i++)
    model.emit(
      0,
      t0 + i * 1000,
      { push: (_t, _k, v) => out.push(JSON.parse(v) as { e: number; s: number }) },
      NO_EFFECTS,
    );
  assert.deepEqual(
    out.map((r) => r.e - t0),
    [0, 1000, 2000],
  );
  assert.deepEqual(
    out.map((r) => r.s - t0),
    [0, 60_000, 120_000],
  );
});

test("per-generator statistics on seeded samples: means, spreads, weights, correlation", () => {
  const yaml = `
topics: {data: d}
fleet:
  k:
    fields:
      n: {gen: normal, mean: 10, sd: 2, decimals: 4}
      e: {gen: exponential, mean: 3, decimals: 4}
      p: {gen: poisson, mean: 4}
      u: {gen: uniform, min: 5, max: 7, decimals: 4}
      w: {gen: pick, values: {a: 3, b: 1}}
      o: {gen: onoff, onShare: 0.8, switchRate: 0.25}
      t: {gen: reading, mean: 0, sd: 1, min: -100, max: 100, decimals: 4}
      h: {gen: reading, mean: 0, sd: 1, min: -100, max: 100, correlate: t, rho: -0.7, decimals: 4}
    topics: {data: {}}
`;
  const out = records(yaml, 20000, 1000).map((r) => r.value);
  const col = (k: string) => out.map((v) => v[k] as number);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs: number[]) => {
    const m = mean(xs); // once, not per element (that made this test quadratic)
    return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
  };
  assert.ok(Math.abs(mean(col("n")) - 10) < 0.1 && Math.abs(sd(col("n")) - 2) < 0.1);
  assert.ok(Math.abs(mean(col("e")) - 3) < 0.15);
  assert.ok(Math.abs(mean(col("p")) - 4) < 0.1 && Math.abs(sd(col("p")) ** 2 - 4) < 0.3);
  assert.ok(Math.abs(mean(col("u")) - 6) < 0.03 && Math.min(...col("u")) >= 5 && Math.max(...col("u")) < 7);
  const share = out.filter((v) => v["w"] === "a").length / out.length;
  assert.ok(Math.abs(share - 0.75) < 0.02, `pick a ${share}`);
  const on = out.filter((v) => v["o"] === true).length / out.length;
  assert.ok(Math.abs(on - 0.8) < 0.03, `on ${on}`);
  const t = col("t");
  const h = col("h");
  const [mt, mh] = [mean(t), mean(h)];
  const r = mean(t.map((x, i) => (x - mt) * (h[i]! - mh))) / (sd(t) * sd(h));
  assert.ok(Math.abs(r - -0.7) < 0.05, `correlation ${r}`);
});

test("readings under anomalies: stuck repeats the last value, spike widens, drift shifts", () => {
  const yaml = `
topics: {data: d}
fleet:
  k:
    fields: {v: {gen: reading, mean: 50, sd: 5, min: 0, max: 100}}
    topics: {data: {}}
`;
  const model = compile(yaml, 1);
  const values: number[] = [];
  const sink = { push: (_t: number, _k: string, value: string) => values.push((JSON.parse(value) as { v: number }).v) };
  const t0 = Date.UTC(2026, 0, 5);
  for (let i = 0; i < 5; i++) model.emit(0, t0 + i, sink, NO_EFFECTS);
  for (let i = 0; i < 5; i++) model.emit(0, t0 + 10 + i, sink, { scale: 1, drift: 0, stuck: true });
  assert.equal(new Set(values.slice(4)).size, 1, `stuck: ${values.join(",")}`);
  values.length = 0;
  for (let i = 0; i < 2000; i++) model.emit(0, t0 + 100 + i, sink, { scale: 1, drift: 0.5, stuck: false });
  assert.ok(
    values.reduce((a, b) => a + b, 0) / values.length > 90,
    "drift 0.5 of a 100-wide band moves the mean by ~50",
  );
});

for (const [name, roles] of Object.entries(recordChecks)) {
  test(`the built-in ${name} scenario is a declared fleet whose records pass its field checks`, () => {
    const text = builtinScenarios[name] ?? "";
    const doc = parse(text) as { fleet?: unknown; topics: Record<string, string> };
    assert.ok(doc.fleet, `configs/${name}.yaml declares its fleet`);
    const topicRoles = Object.keys(doc.topics);
    const written = new Set<number>();
    for (const r of records(text, 20000, 500)) {
      const check = roles[topicRoles[r.topic] ?? ""];
      assert.ok(check, `no check for topic ${r.topic}`);
      assert.deepEqual(check(r.value), [], JSON.stringify(r.value));
      written.add(r.topic);
    }
    assert.equal(written.size, topicRoles.length, "every topic is written");
  });
}

test("same seed, same bytes under Bun, Node and Deno", { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "surge-fleet-"));
  const file = join(dir, "meters.yaml");
  writeFileSync(file, SMART_METERS);
  const script = join(root, "test/unit/sim/declared/emit-sample.ts");
  const expected = sampleHash(SMART_METERS, 20000, 500, 42).hash;
  const runs: [string, string[]][] = [
    [process.execPath, ["--import", "tsx", script, file]],
    [join(root, "node_modules/.bin/bun"), [script, file]],
    [join(root, "node_modules/.bin/deno"), ["run", "-A", script, file]],
  ];
  for (const [command, args] of runs) {
    const r = spawnSync(command, args, { cwd: root, encoding: "utf8", timeout: 100_000 });
    assert.equal(r.status, 0, `${command}: ${r.stderr}`);
    assert.equal(r.stdout.trim(), expected, command);
  }
  assert.notEqual(sampleHash(SMART_METERS, 2000, 500, 43).hash, sampleHash(SMART_METERS, 2000, 500, 42).hash);
});
