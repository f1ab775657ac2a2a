import assert from "node:assert/strict";
import { test } from "node:test";
import { checkIndustrialAlert, checkIndustrialEvent } from "../../../src/sim/checks/index.ts";
import { models } from "../../../src/sim/models/index.ts";
import { allProblems, mean, num, run, sd, spike, STUCK } from "./harness.ts";

const SENSORS = ["temperature", "humidity", "pressure", "current"] as const;

test("industrial: 5,000 events, every field present, typed and in range", () => {
  const out = run("industrial", { devices: 50, events: 5000, seed: 7 });
  const data = out.filter((r) => r.role === "data");
  const alerts = out.filter((r) => r.role === "alerts");
  assert.equal(data.length, 5000);
  assert.deepEqual(allProblems(data, checkIndustrialEvent), []);
  assert.deepEqual(allProblems(alerts, checkIndustrialAlert), []);
  for (const r of out) assert.equal(r.key, r.record["device_id"]);
  assert.equal(data[0]?.record["device_id"], "device_001");
  assert.equal(data[49]?.record["device_id"], "device_050");
});

test("industrial: ids grow wider for bigger fleets", () => {
  const out = run("industrial", { devices: 12_000, events: 2, deviceOf: (i) => (i === 0 ? 0 : 11_999) });
  assert.deepEqual(
    out.map((r) => r.key),
    ["device_00001", "device_12000"],
  );
});

test("industrial: an alert for exactly the readings beyond their threshold", () => {
  // Lower thresholds so plenty of readings cross them.
  const params = { temperatureAlarm: 28, humidityAlarm: 55, pressureAlarm: 1020, currentAlarm: 2.8 };
  const alarms = [28, 55, 1020, 2.8];
  const out = run("industrial", { devices: 30, events: 3000, params });
  const expected = new Set<string>();
  const actual = new Set<string>();
  for (const r of out) {
    if (r.role === "data") {
      SENSORS.forEach((s, i) => {
        const v = num(r.record, `sensors.${s}.value`);
        const crossed = s === "humidity" ? v < alarms[i]! : v > alarms[i]!;
        if (crossed) expected.add(`${r.event}/${s}/${v}`);
      });
    } else {
      assert.equal(r.key, r.record["device_id"]);
      actual.add(`${r.event}/${String(r.record["sensor"])}/${String(r.record["value"])}`);
    }
  }
  assert.ok(expected.size > 500, `only ${expected.size} crossings`);
  assert.deepEqual(actual, expected);
  const opts = { alarms };
  assert.deepEqual(
    allProblems(
      out.filter((r) => r.role === "alerts"),
      (x) => checkIndustrialAlert(x, opts),
    ),
    [],
  );
  assert.deepEqual(
    allProblems(
      out.filter((r) => r.role === "data"),
      (x) => checkIndustrialEvent(x, opts),
    ),
    [],
  );
});

test("industrial: built-in anomalies raise alerts; none when they are off and thresholds far", () => {
  const spiky = run("industrial", { devices: 20, events: 4000, params: { anomalyRate: 0.05 } });
  assert.ok(spiky.filter((r) => r.role === "alerts").length > 50);
  const calm = run("industrial", { devices: 20, events: 4000, params: { anomalyRate: 0, pressureAlarm: 1050 } });
  assert.equal(calm.filter((r) => r.role === "alerts").length, 0);
});

test("industrial: readings follow the spec's means; location fixed per device", () => {
  const out = run("industrial", {
    devices: 100,
    events: 20_000,
    params: { anomalyRate: 0, dayNightAmplitude: 0 },
  }).filter((r) => r.role === "data");
  const means = { temperature: 25, humidity: 60, pressure: 1013, current: 2.5 };
  const sds = { temperature: 5, humidity: 10, pressure: 20, current: 0.5 };
  for (const s of SENSORS) {
    const values = out.map((r) => num(r.record, `sensors.${s}.value`));
    assert.ok(Math.abs(mean(values) - means[s]) < 0.15 * sds[s], `${s} mean ${mean(values)}`);
    // Smoothing narrows the spread (0.3 / √(1 - 0.49) ≈ 0.42 σ) and the trend widens it a bit.
    const spread = sd(values) / sds[s];
    assert.ok(spread > 0.3 && spread < 0.7, `${s} spread ${spread}`);
  }
  const on = out.filter((r) => (r.record["sensors"] as { switch_status: { value: boolean } }).switch_status.value);
  assert.ok(Math.abs(on.length / out.length - 0.8) < 0.05, `switch on ${on.length / out.length}`);
  const where = new Map<string, string>();
  for (const r of out) {
    const loc = JSON.stringify(r.record["location"]);
    assert.equal(where.get(r.key) ?? loc, loc);
    where.set(r.key, loc);
  }
  assert.ok(new Set(where.values()).size > 50);
});

test("industrial: day/night cycle warms the afternoon", () => {
  const at = (hour: number): number => {
    const out = run("industrial", {
      devices: 50,
      events: 5000,
      startMs: Date.UTC(2024, 0, 1, hour),
      stepMs: 0.1,
      params: { anomalyRate: 0 },
    }).filter((r) => r.role === "data");
    return mean(out.map((r) => num(r.record, "sensors.temperature.value")));
  };
  assert.ok(at(15) - at(3) > 4, `afternoon ${at(15)} vs night ${at(3)}`);
});

test("industrial: same seed, same events; another seed, other events", () => {
  const a = run("industrial", { seed: 1, events: 1000 }).map((r) => r.value);
  const b = run("industrial", { seed: 1, events: 1000 }).map((r) => r.value);
  const c = run("industrial", { seed: 2, events: 1000 }).map((r) => r.value);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test("industrial: stuck repeats the last readings, spikes widen the deviation", () => {
  const out = run("industrial", { devices: 1, events: 20, effects: (i) => (i >= 10 ? STUCK : spike(1)) });
  const last = out.filter((r) => r.event === 9 && r.role === "data")[0]!.record["sensors"];
  for (const r of out.filter((r) => r.event >= 10 && r.role === "data")) {
    assert.deepEqual(r.record["sensors"], last);
  }
  const deviation = (scale: number): number => {
    const recs = run("industrial", {
      devices: 10,
      events: 2000,
      effects: () => spike(scale),
      params: { anomalyRate: 0, dayNightAmplitude: 0, trend: false },
    }).filter((r) => r.role === "data");
    return mean(recs.map((r) => Math.abs(num(r.record, "sensors.humidity.value") - 60)));
  };
  assert.ok(deviation(4) > 3 * deviation(1), `${deviation(4)} vs ${deviation(1)}`);
});

test("industrial: drift moves readings and may leave the physical range", () => {
  const out = run("industrial", {
    devices: 5,
    events: 500,
    params: { anomalyRate: 0 },
    effects: () => ({ scale: 1, drift: 0.6, stuck: false }),
  }).filter((r) => r.role === "data");
  const temps = out.map((r) => num(r.record, "sensors.temperature.value"));
  assert.ok(mean(temps) > 60, `mean ${mean(temps)}`); // 25 + 0.6 × 70
  assert.ok(out.filter((r) => r.role === "data").every((r) => !r.value.includes("NaN")));
});

test("industrial: params are validated, every problem at once", () => {
  const f = models["industrial"]!;
  assert.deepEqual(f.validate({}), []);
  assert.deepEqual(f.validate({ anomalyRate: "0.5", trend: "false", buildings: 3 }), []);
  const problems = f.validate({ anomalyRate: 2, trend: "maybe", floors: 1.5, colour: "red" });
  assert.equal(problems.length, 4);
  assert.ok(problems.every((p) => p.startsWith("params.")));
  assert.match(problems.join("\n"), /params\.anomalyRate: must be a number from 0 to 1, got 2/);
  assert.match(problems.join("\n"), /params\.colour: unknown parameter; allowed: variation, anomalyRate/);
});
