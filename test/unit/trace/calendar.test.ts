/** Monthly, quarterly and yearly traces step by calendar months: a sample's dates stay on the first. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { calendarStep, MEAN_MONTH_MS } from "../../../src/sim/calendar-step.ts";
import { calendarMonths } from "../../../src/trace/calendar.ts";
import { fitTrace } from "../../../src/trace/from-trace.ts";

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

test("calendar steps from the first event never skip nor repeat a month, over centuries", () => {
  const first = Date.UTC(2026, 11, 7, 13, 5);
  const seen = new Set<string>();
  for (let k = 0; k < 12_000; k++) {
    const written = day(calendarStep(first, first + k * MEAN_MONTH_MS, 1));
    assert.equal(written.slice(8), "01");
    seen.add(written);
  }
  assert.equal(seen.size, 12_000);
  assert.equal(day(calendarStep(first, first, 3)), "2026-10-01", "the first event's quarter");
  assert.equal(day(calendarStep(first, first + 3 * MEAN_MONTH_MS, 3)), "2027-01-01");
  assert.equal(day(calendarStep(first, first + 12 * MEAN_MONTH_MS, 12)), "2027-01-01");
});

test("rows on the first of each month or quarter read as a calendar step; others do not", () => {
  const months = (list: [number, number][]): Float64Array => Float64Array.from(list, ([y, m]) => Date.UTC(y, m, 1));
  assert.equal(
    calendarMonths([
      {
        times: months([
          [1995, 0],
          [1995, 1],
          [1995, 2],
          [1995, 3],
        ]),
      },
    ]),
    1,
  );
  assert.equal(
    calendarMonths([
      {
        times: months([
          [1974, 0],
          [1974, 3],
          [1974, 6],
          [1974, 9],
        ]),
      },
    ]),
    3,
  );
  assert.equal(
    calendarMonths([
      {
        times: months([
          [1974, 0],
          [1975, 0],
          [1976, 0],
        ]),
      },
    ]),
    12,
  );
  const weekly = Float64Array.from({ length: 10 }, (_, i) => Date.UTC(2020, 0, 1) + i * 7 * 86_400_000);
  assert.equal(calendarMonths([{ times: weekly }]), undefined);
});

test("a monthly trace's fleet steps by the mean month and writes the first of each month", () => {
  const rows = Array.from({ length: 60 }, (_, i) => {
    const d = new Date(Date.UTC(2000, i, 1));
    const name = d.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
    return `${name}-1-${d.getUTCFullYear()},${(50 + 10 * Math.sin(i / 2) + (i % 7)).toFixed(1)}`;
  });
  const fitted = fitTrace(`DATE,orders\n${rows.join("\n")}`, { name: "m", source: "m.csv" });
  if ("problem" in fitted) assert.fail(fitted.problem);
  assert.match(fitted.yaml, /DATE: \{gen: timeText, layout: MMM-D-YYYY, time: simulated, months: 1\}/);
  assert.equal(fitted.trace.cadenceMs, MEAN_MONTH_MS);
});
