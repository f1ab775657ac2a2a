/** The battery generator: a sawtooth per device (own start point and pace) that drains with simulated time and is swapped at empty. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { run } from "./helpers.ts";

const FLEET = `
fleet:
  kinds:
    a:
      fields:
        b: {gen: battery, days: 1, full: 100, empty: 20, decimals: 2}
      topics: {data: {}}
topics: {data: x}
`;

test("battery: within (empty, full], drains with simulated time, swapped at empty, devices differ", () => {
  // 200 devices, one event every simulated hour for 3 days (a battery lasts about a day).
  const out = run(FLEET, { devices: 200, rounds: 72, stepMs: 3_600_000 });
  const level = (device: number): number[] => out.filter((w) => w.device === device).map((w) => w.value["b"] as number);
  const all = out.map((w) => w.value["b"] as number);
  assert.ok(
    all.every((x) => x >= 20 && x <= 100),
    "every level in [20, 100] (rounded to 2 decimals)",
  );
  const starts = new Set(Array.from({ length: 200 }, (_, d) => level(d)[0]));
  assert.ok(starts.size > 150, `devices start at their own points of the cycle (${starts.size} distinct of 200)`);
  for (const d of [0, 1, 7, 199]) {
    const l = level(d);
    const rises = l.filter((x, i) => i > 0 && x > (l[i - 1] as number)).length;
    const falls = l.filter((x, i) => i > 0 && x < (l[i - 1] as number)).length;
    assert.ok(falls > rises * 5, `device ${d} drains (${falls} falls, ${rises} swaps)`);
    assert.ok(
      rises >= 1 && rises <= 6,
      `device ${d} is swapped once or a few times in 3 days at a ±40 % pace, got ${rises}`,
    );
  }
  // The mean pace: 80 % of charge a day, so the hourly fall averages 80/24 across devices.
  const drops = out
    .map((w, i) => ({ w, prev: i >= 200 ? (out[i - 200]?.value["b"] as number) : NaN }))
    .filter(({ w, prev }) => prev > (w.value["b"] as number))
    .map(({ w, prev }) => prev - (w.value["b"] as number));
  const mean = drops.reduce((s, x) => s + x, 0) / drops.length;
  assert.ok(Math.abs(mean - 80 / 24) < 0.3, `mean hourly drain ${mean.toFixed(2)} vs ${(80 / 24).toFixed(2)}`);
});
