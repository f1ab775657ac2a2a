import assert from "node:assert/strict";
import { test } from "node:test";
import { LatencyHistogram } from "../../../src/metrics/latency-histogram.ts";
import { Random } from "../../../src/sim/random.ts";

test("countsAtOrBelow agrees with counting the recorded values, within HDR's 0.1 %", () => {
  const random = new Random(7);
  const bounds = [0, 1, 500, 1000, 2000, 5000, 10_000, 100_000, 1_000_000, 60_000_000, 3_600_000_000];
  for (let round = 0; round < 20; round++) {
    const h = new LatencyHistogram();
    const micros: number[] = [];
    const n = 1 + Math.floor(random.next() * 3000);
    for (let i = 0; i < n; i++) {
      const us = Math.round(random.next() ** 4 * 10 ** (1 + (round % 8)));
      micros.push(us);
      h.recordMs(us / 1000);
    }
    const counts = h.countsAtOrBelow(bounds);
    bounds.forEach((bound, i) => {
      const surely = micros.filter((v) => v <= bound * 0.999).length;
      const atMost = micros.filter((v) => v <= bound * 1.001).length;
      const got = counts[i] ?? -1;
      assert.ok(got >= surely && got <= atMost, `round ${round}, bound ${bound}: ${got} not in [${surely}, ${atMost}]`);
    });
    assert.equal(counts.at(-1), n);
  }
  assert.deepEqual(new LatencyHistogram().countsAtOrBelow([1, 2]), [0, 0]);
});
