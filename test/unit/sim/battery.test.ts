import assert from "node:assert/strict";
import { test } from "node:test";
import { FleetBattery } from "../../../src/sim/battery.ts";
import { Random } from "../../../src/sim/random.ts";

test("battery: drains monotonically between swaps, swaps at the floor for a full one", () => {
  const b = new FleetBattery(200, { full: 100, empty: 5, lifeHours: 24 }, new Random(3));
  let swaps = 0;
  for (let d = 0; d < 200; d++) {
    let prev = b.level(d, 0);
    for (let h = 0.05; h <= 72; h += 0.05) {
      const level = b.level(d, h);
      assert.ok(level > 5 && level <= 100, `device ${d} at ${h} h: ${level}`);
      if (level > prev) {
        // Only a swap raises the charge: from near empty to near full.
        assert.ok(prev < 10 && level > 95, `device ${d} at ${h} h: ${prev} → ${level}`);
        swaps++;
      }
      prev = level;
    }
  }
  // Lives of 24 h ± 40 %: two to five swaps per device in three days.
  assert.ok(swaps > 200 * 2 && swaps < 200 * 5, `swaps ${swaps}`);
});

test("battery: devices start spread over their cycle and drain at their own pace", () => {
  const b = new FleetBattery(1000, { full: 100, empty: 20, lifeHours: 100 }, new Random(9));
  const start = Array.from({ length: 1000 }, (_, d) => b.level(d, 0));
  assert.ok(Math.min(...start) < 25 && Math.max(...start) > 95, "initial charges cover 20-100");
  const used = Array.from({ length: 1000 }, (_, d) => start[d]! - b.level(d, 1)).filter((u) => u > 0 && u < 5);
  // 80 % over 100 h is 0.8 %/h on average, each device within ±40 %.
  const avg = used.reduce((a, x) => a + x, 0) / used.length;
  assert.ok(Math.abs(avg - 0.8) < 0.05, `mean drain ${avg}`);
  assert.ok(Math.min(...used) >= 0.8 * 0.6 - 1e-6 && Math.max(...used) <= 0.8 * 1.4 + 1e-6);
});
