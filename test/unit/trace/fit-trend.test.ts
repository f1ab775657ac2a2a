/**
 * A trending trace (a level rising across decades, a yearly cycle under it, AR(1) noise): the
 * trend is found and replayed back and forth over the trace's span, the cycle found under it; a
 * slow stationary series gets no trend.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { trendAt } from "../../../src/sim/copula/trend.ts";
import { fitLevel, isTrend } from "../../../src/trace/trend.ts";
import { trace } from "../../../src/sim/declared/generators/trace.ts";
import { failures, roundTrip } from "./round-trip.ts";

const WEEK_MS = 7 * 86_400_000;
const START = Date.UTC(1960, 0, 4);

/** A seeded normal stream. */
function normals(seed: number): () => number {
  let s = seed;
  const uniform = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Weekly rows: 320 + a rise of 50 over the span (faster at the end) + a yearly swing of ±3 + AR(1) noise. */
function trending(rows: number, seed: number): string {
  const gauss = normals(seed);
  let noise = 0;
  const lines = Array.from({ length: rows }, (_, i) => {
    const t = START + i * WEEK_MS;
    const along = i / (rows - 1);
    const year = (2 * Math.PI * (t - START)) / (365.2425 * 86_400_000);
    noise = 0.7 * noise + 0.4 * gauss();
    const v = 320 + 30 * along + 20 * along * along + 3 * Math.sin(year) + noise;
    return `${new Date(t).toISOString().slice(0, 10)},${v.toFixed(2)}`;
  });
  return `date,level\n${lines.join("\n")}`;
}

test("a trend replays forward, then backward, over its span from the device's first event", () => {
  const trend = { span: 100, curve: [0, 10, 40] };
  assert.equal(trendAt(trend, 0), 0);
  assert.equal(trendAt(trend, 50), 10);
  assert.equal(trendAt(trend, 100), 40);
  assert.equal(trendAt(trend, 150), 10, "the second pass runs back");
  assert.equal(trendAt(trend, 200), 0);
  assert.equal(trendAt(trend, 225), 5, "the third forward again");
});

test("a rising trace with a yearly cycle: the trend and the cycle under it are fitted, a long sample passes", () => {
  const { yaml, result } = roundTrip(trending(2000, 3), { rowsPerDevice: 20_000 });
  assert.match(yaml, /trendSpan: /);
  assert.match(yaml, /yearly: /, "the yearly cycle is found under the trend");
  assert.deepEqual(failures(result), []);
});

test("a slow stationary series gets no trend", () => {
  const gauss = normals(9);
  let x = 0;
  const csv =
    "time,v\n" +
    Array.from({ length: 3000 }, (_, i) => {
      x = 0.98 * x + gauss();
      return `${new Date(START + i * 600_000).toISOString()},${(20 + x).toFixed(2)}`;
    }).join("\n");
  const { yaml, result } = roundTrip(csv, { rowsPerDevice: 30_000 });
  assert.doesNotMatch(yaml, /trend/);
  assert.deepEqual(failures(result), []);
});

test("slow stationary series of any length read as no trend (the test's chance bar)", () => {
  const gauss = normals(21);
  for (const [rho, n] of [
    [0.95, 60],
    [0.98, 200],
    [0.995, 1000],
  ] as const) {
    for (let r = 0; r < 30; r++) {
      let x = gauss() / Math.sqrt(1 - rho * rho);
      const v = Float64Array.from({ length: n }, () => (x = rho * x + gauss()));
      const times = Float64Array.from({ length: n }, (_, i) => i * 60_000);
      const level = fitLevel(v, times);
      assert.ok(!level || !isTrend(level, times, 60_000), `rho ${rho}, ${n} rows, series ${r}`);
    }
  }
});

test("a trace field's trend: its span, spread and map are checked", () => {
  const check = (p: Record<string, unknown>): string[] => trace.check?.({ quantiles: [0, 1], ...p }) ?? [];
  assert.deepEqual(check({ trend: [0, 5, 9], trendSpan: "100h", trendSpread: [1, 2, 1] }), []);
  assert.match(check({ trend: [0, 5] }).join("\n"), /trend and trendSpan: give both/);
  assert.match(check({ trend: [0, 5], trendSpan: "soon" }).join("\n"), /trendSpan: must be a positive duration/);
  assert.match(check({ trend: [0, 5], trendSpan: 60, trendSpread: [1] }).join("\n"), /trendSpread: one positive/);
  assert.match(
    check({ trend: [0, 5], trendSpan: 60, trendFrom: [2, 1], trendTo: [1, 2] }).join("\n"),
    /neither falling/,
  );
});
