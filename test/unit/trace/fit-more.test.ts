/**
 * The fitter on synthetic traces of shapes it was not tuned on (synthetic-more.ts): hourly stores
 * with a weekly cycle, an integer count, text and gaps; irregular epoch-ms times under an unusual
 * name; a reading that steps with a 0/1 pump. Every compare line must pass.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { failures, roundTrip } from "./round-trip.ts";
import { footfallTrace, irregularTrace, pumpTrace } from "./synthetic-more.ts";

test("hourly stores: weekly and daily cycles, an integer count, a text status, blank cells", () => {
  const { result, yaml, lines } = roundTrip(footfallTrace(24 * 7 * 10), { group: "store", rowsPerDevice: 20_000 });
  assert.match(yaml, /sampleInterval: 1h/);
  assert.match(yaml, /weekly: \[/, "the week was found");
  assert.match(yaml, /status: \{gen: pick/, "the text column is a weighted pick");
  const first = JSON.parse(lines[0] as string) as { value: { visitors: number; store: string } };
  assert.ok(Number.isInteger(first.value.visitors), "a count stays whole");
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
