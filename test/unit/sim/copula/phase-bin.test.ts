/** phaseBinAt remembers the last time per period and bin count: the same bins as phaseBin in any order of calls. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { cycleScore, phaseBin, phaseBinAt, PERIODS, type Cycle } from "../../../../src/sim/copula/latent.ts";
import { Random } from "../../../../src/sim/random.ts";

test("interleaved periods, bin counts and times give phaseBin's bins", () => {
  const r = new Random(5);
  const times = [0, 86_399_999, 86_400_000, -1, 1.7e12, 1.7e12 + 0.4, 1.7e12 + 0.6];
  for (let i = 0; i < 3000; i++) times.push(1.6e12 + r.next() * 3e11);
  for (const t of times) {
    // Each time asked for twice by every period and two bin counts, as the columns of one event do.
    for (let round = 0; round < 2; round++) {
      for (const period of PERIODS) {
        for (const bins of [7, 24, 52, 70]) assert.equal(phaseBinAt(t, period, bins), phaseBin(t, period, bins));
      }
    }
  }
});

test("a time with no bin (±Infinity) is not remembered as bin 0", () => {
  assert.ok(Number.isNaN(phaseBinAt(Infinity, "yearly", 52)));
  assert.ok(Number.isNaN(phaseBinAt(Infinity, "yearly", 52)));
  const profile = Float64Array.from({ length: 52 }, (_, i) => i);
  const cycles: Cycle[] = [{ period: "yearly", profile }];
  assert.ok(Number.isNaN(cycleScore(cycles, Infinity)));
  assert.equal(cycleScore(cycles, 1.7e12), profile[phaseBin(1.7e12, "yearly", 52)]);
});
