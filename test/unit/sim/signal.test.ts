import assert from "node:assert/strict";
import { test } from "node:test";
import { Random } from "../../../src/sim/random.ts";
import { FleetSignal, SIGNAL_MAX, SIGNAL_MIN } from "../../../src/sim/signal.ts";
import { mean, sd } from "./harness.ts";

test("signal: jitters around a fixed per-device base, slowly fading, within receiver range", () => {
  const rng = new Random(5);
  const s = new FleetSignal(100, new Random(4));
  const lag1: number[] = [];
  const lag200: number[] = [];
  for (let d = 0; d < 100; d++) {
    const xs = Array.from({ length: 2000 }, () => s.next(d, rng));
    assert.ok(xs.every((x) => Number.isInteger(x) && x >= SIGNAL_MIN && x <= SIGNAL_MAX));
    assert.ok(Math.abs(mean(xs) - s.baseOf(d)) < 3, `device ${d}: mean ${mean(xs)} base ${s.baseOf(d)}`);
    assert.ok(sd(xs) > 2 && sd(xs) < 7, `device ${d}: sd ${sd(xs)}`);
    // Slow fading: consecutive readings are alike, far-apart ones are not.
    // The mean and spread once per device, not once per element (that made this test quadratic).
    const m = mean(xs);
    const v = sd(xs) ** 2;
    const lag = (k: number): number => mean(xs.slice(k).map((x, i) => (x - m) * (xs[i]! - m))) / v;
    lag1.push(lag(1));
    lag200.push(lag(200));
  }
  assert.ok(mean(lag1) > 0.6 && mean(lag200) < 0.1, `autocorrelation lag 1 ${mean(lag1)}, lag 200 ${mean(lag200)}`);
  const bases = Array.from({ length: 100 }, (_, d) => s.baseOf(d));
  assert.ok(Math.min(...bases) <= -80 && Math.max(...bases) >= -50, "bases spread over -40..-90");
});
