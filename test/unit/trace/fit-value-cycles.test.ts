/** A reading's cycles set on its values' scale: a two-humped daily series with holidays keeps its yearly profile of means. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { binMeans, profileCorrelation } from "../../../src/trace/cycles.ts";
import { fitGroup } from "../../../src/trace/fit.ts";
import { simulate } from "../../../src/trace/simulate.ts";
import { clipped, tailBounds } from "../../../src/trace/tails.ts";
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";

const DAY = 86_400_000;

/**
 * Daily riders of a station over 15 years: workdays near 10, weekends near 3 (a table of two
 * humps), a mild summer lift, and holidays (fixed dates) as quiet as a Sunday. A holiday pulls
 * its week's mean value down much further than its mean score: one row of seven falls from the
 * upper hump to the lower.
 */
function ridership(seed: number): { times: Float64Array; values: Float64Array } {
  const r = new Random(seed);
  const start = Date.UTC(2001, 0, 1);
  const n = Math.round(15 * 365.2425);
  const times = Float64Array.from({ length: n }, (_, i) => start + i * DAY);
  const holidays = new Set(["0-1", "4-28", "6-4", "8-3", "10-24", "11-25", "11-31"]);
  const values = times.map((t) => {
    const d = new Date(t);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const quiet = weekend || holidays.has(`${d.getUTCMonth()}-${d.getUTCDate()}`);
    const summer = 0.6 * Math.sin((2 * Math.PI * (d.getUTCMonth() + 0.5)) / 12 - Math.PI / 2);
    return quiet ? 3 + 0.5 * gauss(r) : 10 + summer + gauss(r);
  });
  return { times, values };
}

test("a reading's yearly profile of mean values is the trace's, holidays and all (value-cycles.ts)", () => {
  const { times, values } = ridership(3);
  const fitted = fitGroup(
    { value: "", times, series: [values], texts: [] },
    { names: ["riders"], decimals: [2], cadenceMs: DAY, seed: 1 },
  );
  const column = fitted.columns[0];
  assert.ok(column?.kind === "trace");
  assert.deepEqual(
    column.model.cycles.map((c) => c.period),
    ["yearly", "weekly"],
  );
  // The model's own yearly profile: a run of 200 years leaves little of a sample's noise.
  const long = Float64Array.from({ length: 73_000 }, (_, i) => (times[0] as number) + i * DAY);
  const [sim] = simulate([column.model], fitted.latent, long, 11) as [Float64Array];
  const bounds = tailBounds(values);
  const r = profileCorrelation(
    binMeans(clipped(values, bounds), times, "yearly"),
    binMeans(clipped(sim, bounds), long, "yearly"),
  );
  // With a profile of mean scores the model's yearly profile correlated 0.91 with the trace's.
  assert.ok(r >= 0.97, `yearly profile correlation ${r.toFixed(3)}`);
});
