/**
 * The fitter on synthetic traces of shapes it was not tuned on (synthetic-more.ts): hourly stores
 * with a weekly cycle, an integer count, text and gaps; irregular epoch-ms times under an unusual
 * name; a reading that steps with a 0/1 pump. Every compare line must pass.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { failures, roundTrip } from "./round-trip.ts";
import { footfallTrace, irregularTrace, pumpTrace } from "./synthetic-more.ts";

test("hourly stores: clock columns, weekly and daily cycles, an integer count, a text status, blank cells", () => {
  const { result, yaml, lines } = roundTrip(footfallTrace(24 * 7 * 10), { group: "store", rowsPerDevice: 20_000 });
  assert.match(yaml, /sampleInterval: 1h/);
  assert.match(yaml, /weekly: \[/, "the week was found");
  // The status is "closed" all night: runs, so a chain per store (a pick drew runs of 1.6 rows).
  assert.match(yaml, /status:\n\s+gen: state/, "the text column with runs is a chain");
  assert.ok(result.columns.some((l) => l.column === "status" && l.stat === "mean run length (rows)" && l.pass));
  assert.match(yaml, /hour: \{gen: expr, expr: floor\(now % 86400 \/ 3600\)\}/, "the hour is a clock column");
  for (const line of lines.slice(0, 500)) {
    const v = (
      JSON.parse(line) as { value: { time: string; hour: number; weekday: number; hhmm: number; visitors: number } }
    ).value;
    const at = new Date(v.time);
    assert.ok(Number.isInteger(v.visitors), "a count stays whole");
    assert.deepEqual(
      [v.hour, v.weekday, v.hhmm],
      [at.getUTCHours(), ((at.getUTCDay() + 6) % 7) + 1, at.getUTCHours() * 100 + at.getUTCMinutes()],
      "clock columns agree with their row's time",
    );
  }
  assert.deepEqual(failures(result), []);
});

test("irregular times in epoch ms under a name that says nothing of time", () => {
  const { result, yaml } = roundTrip(irregularTrace(4000), { rowsPerDevice: 40_000 });
  assert.match(yaml, /logged_ms: \{gen: timestamp, format: epoch-ms/, "a rising epoch column is the time");
  assert.doesNotMatch(yaml, /logged_ms: \{gen: trace/);
  assert.deepEqual(failures(result), []);
});

test("a reading that steps with a 0/1 state takes its marginal from the state's value", () => {
  const { result, yaml } = roundTrip(pumpTrace(4000), { rowsPerDevice: 40_000 });
  assert.match(yaml, /power_kw: \{gen: trace, .*given: pump, above: 0\.5, givenQuantiles: \[/);
  const pair = result.pairs.find((l) => l.column === "pump ~ power_kw");
  assert.ok(pair && pair.trace > 0.9, "the trace's power follows the pump");
  assert.deepEqual(failures(result), []);
});
