/**
 * A short trace of few slow, trending columns and a fast one that shares their wander (the shape of
 * statsmodels' macrodata, copper and danish files): memories and correlations as compare has them.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { failures, roundTrip } from "./round-trip.ts";
import { shortTrace } from "./synthetic-short.ts";

/** The lines that memories and correlations make: every lag-1 autocorrelation and pair. */
const memoryLines = (lines: string[]): string[] => lines.filter((l) => / lag-1 | correlation$/.test(l));

test("60 rows, a trending level and a fast rate 0.86 correlated with it: lag-1 and correlations hold", () => {
  // Generator seed 2: level and income lag-1 0.95, rate 0.74; level ~ rate -0.86.
  const { result, yaml } = roundTrip(shortTrace(60, 2), { rowsPerDevice: 20_000 });
  assert.deepEqual(memoryLines(failures(result)), [], yaml.slice(0, 400));
  const lag = result.columns.find((l) => l.column === "level" && l.stat.startsWith("lag-1"));
  assert.ok(lag && Math.abs(lag.generated - lag.trace) < 0.025, `level lag-1 ${lag?.generated} vs ${lag?.trace}`);
});

test("a fast column beyond one memory per column's reach: the fit shares the slow wander (factors)", () => {
  // Generator seed 5: rate lag-1 0.35 against level's 0.84, yet level ~ rate -0.70; one memory
  // per column with correlated innovations reaches at most about 0.6.
  const { result, yaml } = roundTrip(shortTrace(60, 5), { rowsPerDevice: 20_000 });
  assert.deepEqual(memoryLines(failures(result)), []);
  const k = 3;
  const transition = /transition: \[([^\]]*)\]/.exec(yaml)?.[1]?.split(",").map(Number) ?? [];
  assert.equal(transition.length, k * k);
  assert.ok(
    transition.some((x, at) => at % k !== Math.floor(at / k) && x !== 0),
    "the transition carries one column's past into another's",
  );
});
