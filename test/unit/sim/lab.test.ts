import assert from "node:assert/strict";
import { test } from "node:test";
import { checkLabEvent } from "../../../src/sim/checks/index.ts";
import { LAB_TYPES } from "../../../src/sim/lab-sensors.ts";
import { models } from "../../../src/sim/models/index.ts";
import { allProblems, mean, run, simHour, spike, START_MS, STUCK } from "./harness.ts";

test("lab: 5,000 events, every field present, typed and in range", () => {
  const out = run("lab", { devices: 120, events: 5000, seed: 3 });
  assert.equal(out.length, 5000);
  assert.deepEqual(allProblems(out, checkLabEvent), []);
  for (const r of out) assert.equal(r.key, r.record["sensor_id"]);
  assert.equal(out[0]?.key, "sensor_0001");
  assert.equal(out[0]?.record["sensor_type"], "humidity"); // 1 % 6, as the original
  assert.equal(out[0]?.record["location"], "factory-floor-a2");
  assert.match(String(out[0]?.record["timestamp"]), /^2024-03-10T12:00:00\.000Z$/);
});

test("lab: 1000 sensors by default-sized fleet, sensor_1000 is the last", () => {
  const out = run("lab", { devices: 1000, events: 1000 });
  assert.equal(out[999]?.key, "sensor_1000");
  assert.equal(new Set(out.map((r) => r.key)).size, 1000);
  assert.deepEqual(new Set(out.map((r) => r.record["sensor_type"])), new Set(LAB_TYPES.map((t) => t.name)));
});

test("lab: about 5 % anomalies, half above and half below the normal band", () => {
  const out = run("lab", { devices: 600, events: 40_000, seed: 11 });
  const anomalies = out.filter((r) => r.record["status"] === "anomaly");
  const share = anomalies.length / out.length;
  assert.ok(Math.abs(share - 0.05) < 0.005, `anomaly share ${share}`);
  const high = anomalies.filter((r) => {
    const t = LAB_TYPES.find((x) => x.name === r.record["sensor_type"])!;
    return (r.record["value"] as number) > t.normalMax;
  });
  assert.ok(Math.abs(high.length / anomalies.length - 0.5) < 0.06, `high share ${high.length / anomalies.length}`);
});

test("lab: anomaly rate is a knob", () => {
  const out = run("lab", { events: 4000, params: { anomalyRate: 0.5 } });
  const share = out.filter((r) => r.record["status"] === "anomaly").length / out.length;
  assert.ok(Math.abs(share - 0.5) < 0.03, `share ${share}`);
});

test("lab: temperature follows the time of day", () => {
  const temps = (hour: number): number[] =>
    run("lab", {
      devices: 60,
      events: 6000,
      stepMs: 0.1,
      startMs: Date.UTC(2024, 0, 1, hour),
      params: { anomalyRate: 0 },
    })
      .filter((r) => r.record["sensor_type"] === "temperature")
      .map((r) => r.record["value"] as number);
  const day = mean(temps(15));
  const night = mean(temps(3));
  assert.ok(day - night > 3, `day ${day} night ${night}`);
});

test("lab: sensor model fixed per sensor", () => {
  const out = run("lab", { devices: 10, events: 500 });
  const models = new Map<string, string>();
  for (const r of out) {
    const m = (r.record["metadata"] as { sensor_model: string }).sensor_model;
    assert.equal(models.get(r.key) ?? m, m);
    models.set(r.key, m);
  }
});

test("lab: same seed, same events", () => {
  const a = run("lab", { seed: 5, events: 500 }).map((r) => r.value);
  assert.deepEqual(
    run("lab", { seed: 5, events: 500 }).map((r) => r.value),
    a,
  );
  assert.notDeepEqual(
    run("lab", { seed: 6, events: 500 }).map((r) => r.value),
    a,
  );
});

test("lab: stuck repeats the value, spikes widen the deviation and mark anomalies", () => {
  const out = run("lab", { devices: 1, events: 20, effects: (i) => (i >= 10 ? STUCK : spike(1)) });
  const last = out[9]!.record;
  for (const r of out.slice(10)) {
    assert.equal(r.record["value"], last["value"]);
    assert.equal(r.record["status"], last["status"]);
  }
  const deviation = (scale: number): number => {
    const recs = run("lab", {
      devices: 12,
      events: 3000,
      params: { anomalyRate: 0 },
      effects: () => spike(scale),
    }).filter((r) => r.record["sensor_type"] === "humidity");
    return mean(recs.map((r) => Math.abs((r.record["value"] as number) - 50)));
  };
  assert.ok(deviation(4) > 3 * deviation(1), `${deviation(4)} vs ${deviation(1)}`);
  const spiked = run("lab", { devices: 12, events: 3000, params: { anomalyRate: 0 }, effects: () => spike(5) });
  assert.ok(spiked.some((r) => r.record["status"] === "anomaly"));
});

test("lab: params are validated", () => {
  const f = models["lab"]!;
  assert.deepEqual(f.validate({}), []);
  assert.deepEqual(f.validate({ locations: "a,b,c", noise: "0.2" }), []);
  const problems = f.validate({ locations: [], noise: -1, rate: 3 });
  assert.equal(problems.length, 3, problems.join("\n"));
  const custom = run("lab", { events: 30, params: { locations: ["x", "y"] } });
  assert.deepEqual(
    allProblems(custom, (r) => checkLabEvent(r, { locations: ["x", "y"] })),
    [],
  );
});

test("lab: at --time-scale 1440 a minute is a day: temperature up, humidity down in the afternoon", () => {
  const out = run("lab", { devices: 120, events: 6000, stepMs: 10, timeScale: 1440, params: { anomalyRate: 0 } });
  assert.deepEqual(allProblems(out, checkLabEvent), []);
  const at = (type: string, from: number, to: number): number =>
    mean(
      out
        .filter((r) => {
          const h = simHour(START_MS + r.event * 10, START_MS, 1440);
          return r.record["sensor_type"] === type && h >= from && h < to;
        })
        .map((r) => r.record["value"] as number),
    );
  assert.ok(at("temperature", 14, 16) - at("temperature", 2, 4) > 3, "temperature");
  assert.ok(at("humidity", 2, 4) - at("humidity", 14, 16) > 6, "humidity");
  // Pressure has no daily swing.
  assert.ok(Math.abs(at("pressure", 14, 16) - at("pressure", 2, 4)) < 1.5, "pressure");
});

test("lab: battery drains with simulated time, is swapped at 20 %, stays within 20-100", () => {
  const out = run("lab", { devices: 6, events: 6000, stepMs: 10, timeScale: 1440, params: { batteryDays: 0.25 } });
  let swaps = 0;
  for (let d = 0; d < 6; d++) {
    const levels = out
      .filter((r) => r.device === d)
      .map((r) => (r.record["metadata"] as { battery_level: number }).battery_level);
    assert.ok(levels.every((l) => l >= 20 && l <= 100));
    for (let i = 1; i < levels.length; i++) {
      if (levels[i]! > levels[i - 1]!) {
        assert.ok(levels[i - 1]! < 25 && levels[i]! > 95, `${levels[i - 1]} → ${levels[i]}`);
        swaps++;
      }
    }
  }
  assert.ok(swaps >= 12 && swaps <= 40, `swaps ${swaps}`); // 6-hour batteries (±40 %) over a day
});
