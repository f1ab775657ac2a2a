/** Industrial realism: day/night under --time-scale, correlation, smoothing, trends, battery, signal. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkIndustrialEvent } from "../../../src/sim/checks/index.ts";
import { allProblems, correlation, mean, num, run, sd, simHour, START_MS, type RunOptions } from "./harness.ts";

type Info = { battery: number; signal_strength: number };

/** Data records of `devices` devices over `seconds` of event time, one event per 10 ms. */
function day(options: RunOptions & { devices: number; seconds: number }) {
  const events = (options.seconds * 1000) / 10;
  return run("industrial", { ...options, events, stepMs: 10 }).filter((r) => r.role === "data");
}

function eventTime(event: number): number {
  return START_MS + event * 10;
}

test("industrial: at --time-scale 1440, 60 s of events show a whole day: warm afternoon, cold night", () => {
  const out = day({ devices: 20, seconds: 60, timeScale: 1440, params: { anomalyRate: 0 } });
  assert.deepEqual(allProblems(out, checkIndustrialEvent), []);
  const at = (from: number, to: number): number[] =>
    out
      .filter((r) => {
        const h = simHour(eventTime(r.event), START_MS, 1440);
        return h >= from && h < to;
      })
      .map((r) => num(r.record, "sensors.temperature.value"));
  const afternoon = mean(at(14, 16));
  const night = mean(at(2, 4));
  // Swing ±0.6 σ = ±3 °C: about 6 °C apart.
  assert.ok(afternoon - night > 4.5, `afternoon ${afternoon} vs night ${night}`);
  // Real time (scale 1): the same minute is flat.
  const flat = day({ devices: 20, seconds: 60, timeScale: 1, params: { anomalyRate: 0 } });
  const half = (first: boolean): number =>
    mean(flat.filter((r) => r.event < 3000 === first).map((r) => num(r.record, "sensors.temperature.value")));
  assert.ok(Math.abs(half(true) - half(false)) < 1, `${half(true)} vs ${half(false)}`);
});

test("industrial: humidity falls as temperature rises", () => {
  const series = (params: Record<string, unknown>) => {
    const out = day({ devices: 1, seconds: 60, timeScale: 1440, params: { anomalyRate: 0, ...params } });
    return [
      out.map((r) => num(r.record, "sensors.temperature.value")),
      out.map((r) => num(r.record, "sensors.humidity.value")),
    ] as const;
  };
  const [t, h] = series({});
  const r = correlation(t, h);
  assert.ok(r < -0.6, `one device over a simulated day: r = ${r}`);
  // Without the day/night swing the noise alone is still correlated...
  const [t2, h2] = series({ dayNightAmplitude: 0 });
  assert.ok(correlation(t2, h2) < -0.5, `noise only: r = ${correlation(t2, h2)}`);
  // ...and with the correlation off too, the two are independent.
  const [t3, h3] = series({ dayNightAmplitude: 0, humidityCorrelation: 0 });
  assert.ok(Math.abs(correlation(t3, h3)) < 0.15, `independent: r = ${correlation(t3, h3)}`);
});

test("industrial: smoothing new = 0.7 × last + 0.3 × sample makes consecutive readings alike", () => {
  const lag1 = (smoothing: number): number => {
    const out = run("industrial", {
      devices: 1,
      events: 5000,
      params: { anomalyRate: 0, trend: false, dayNightAmplitude: 0, smoothing },
    }).filter((r) => r.role === "data");
    const xs = out.map((r) => num(r.record, "sensors.pressure.value"));
    return correlation(xs.slice(1), xs.slice(0, -1));
  };
  assert.ok(Math.abs(lag1(0.7) - 0.7) < 0.05, `lag-1 autocorrelation ${lag1(0.7)}`);
  assert.ok(Math.abs(lag1(0)) < 0.05, `unsmoothed ${lag1(0)}`);
});

test("industrial: each device wanders on its own slow trend", () => {
  // Smoothed noise forgets within a few samples (0.7^20 ≈ 0); a trend (time constant ~50
  // samples) keeps readings 20 samples apart alike.
  const lag20 = (trend: boolean): number => {
    const out = run("industrial", {
      devices: 40,
      events: 40 * 1000,
      params: { anomalyRate: 0, dayNightAmplitude: 0, trend },
    }).filter((r) => r.role === "data");
    return mean(
      Array.from({ length: 40 }, (_, d) => {
        const xs = out.filter((r) => r.device === d).map((r) => num(r.record, "sensors.temperature.value"));
        return correlation(xs.slice(20), xs.slice(0, -20));
      }),
    );
  };
  const withTrend = lag20(true);
  const without = lag20(false);
  assert.ok(
    withTrend > 0.1 && Math.abs(without) < 0.05,
    `lag-20 autocorrelation ${withTrend} with trends, ${without} without`,
  );
});

test("industrial: battery drains with simulated time and is replaced when low", () => {
  const out = day({ devices: 10, seconds: 60, timeScale: 1440, params: { batteryDays: 0.5 } });
  let swaps = 0;
  for (let d = 0; d < 10; d++) {
    const levels = out.filter((r) => r.device === d).map((r) => (r.record["device_info"] as Info).battery);
    for (let i = 1; i < levels.length; i++) {
      if (levels[i]! > levels[i - 1]!) {
        assert.ok(levels[i - 1]! <= 10 && levels[i]! >= 95, `device ${d}: ${levels[i - 1]} → ${levels[i]}`);
        swaps++;
      }
    }
    assert.ok(Math.max(...levels) - Math.min(...levels) > 50, `device ${d} barely drained`);
  }
  // Half-day batteries (±40 %) over one simulated day: one to three swaps each.
  assert.ok(swaps >= 10 && swaps <= 30, `swaps ${swaps}`);
  // In real time a 30-day battery hardly moves in a minute.
  const real = day({ devices: 10, seconds: 60, timeScale: 1 });
  for (let d = 0; d < 10; d++) {
    const levels = real.filter((r) => r.device === d).map((r) => (r.record["device_info"] as Info).battery);
    assert.ok(
      Math.max(...levels) - Math.min(...levels) <= 1,
      `device ${d}: ${Math.min(...levels)}..${Math.max(...levels)}`,
    );
  }
});

test("industrial: signal strength jitters around each device's own level", () => {
  const out = run("industrial", { devices: 20, events: 20 * 500 }).filter((r) => r.role === "data");
  const perDevice = Array.from({ length: 20 }, (_, d) =>
    out.filter((r) => r.device === d).map((r) => (r.record["device_info"] as Info).signal_strength),
  );
  for (const xs of perDevice) {
    assert.ok(xs.every((x) => Number.isInteger(x) && x < 0));
    assert.ok(sd(xs) > 2, `sd ${sd(xs)}`);
  }
  assert.ok(sd(perDevice.map(mean)) > 5, "devices sit at different distances from the gateway");
});
