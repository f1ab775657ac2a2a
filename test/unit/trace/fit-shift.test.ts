/** A reading's latent step by a held state (shift.ts): found where the state lifts it, not where both merely wander. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { fitShift } from "../../../src/trace/shift.ts";
import { simulate } from "../../../src/trace/simulate.ts";
import type { ColumnModel } from "../../../src/sim/copula/latent.ts";
import { trace } from "../../../src/sim/declared/generators/trace.ts";
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";
import { pearson } from "../../../src/trace/stats.ts";
import { failures, roundTrip } from "./round-trip.ts";
import { kickTrace } from "./synthetic-kick.ts";

/** A two-state chain: enters 1 with probability `on`, leaves with `off`. */
function chain(n: number, on: number, off: number, r: Random): Float64Array {
  const x = new Float64Array(n);
  for (let t = 1; t < n; t++) x[t] = x[t - 1] === 0 ? (r.next() < on ? 1 : 0) : r.next() < off ? 0 : 1;
  return x;
}

test("a white reading lifted by a held alarm steps with it; a slow reading beside it does not", () => {
  const r = new Random(5);
  const alarm = chain(6000, 0.004, 0.2, r);
  const lifted = alarm.map((a) => gauss(r) + 2.5 * a);
  const step = fitShift(lifted, [{ column: 1, x: alarm }]);
  assert.ok(step, "the step is found");
  assert.ok(Math.abs(step.by - 2.5) < 0.5, `the step is about 2.5, got ${step.by}`);
  // A slow walk and a slow state, unrelated: their means differ by chance, which the memories explain.
  let noMatch = 0;
  for (let seed = 1; seed <= 5; seed++) {
    const s = new Random(seed);
    const slow = new Float64Array(6000);
    for (let t = 1; t < slow.length; t++) slow[t] = 0.995 * (slow[t - 1] as number) + 0.1 * gauss(s);
    if (!fitShift(slow, [{ column: 1, x: chain(6000, 0.001, 0.01, s) }])) noMatch++;
  }
  assert.equal(noMatch, 5, "no step between unrelated slow series");
});

test("the step reads the state's held value: the pair's correlation survives the hold", () => {
  const state: ColumnModel = { quantiles: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], steps: true, cycles: [], hold: 0.8 };
  const reading: ColumnModel = { quantiles: [-4, 0, 4], cycles: [] };
  const white2 = { k: 2, transition: Float64Array.from([0, 0, 0, 0]), cholesky: Float64Array.from([1, 0, 0, 1]) };
  const [a0, x0] = simulate([state, reading], white2, new Float64Array(40_000), 3) as [Float64Array, Float64Array];
  const [a1, x1] = simulate(
    [state, { ...reading, shift: { column: 0, above: 0.5, by: 2 } }],
    white2,
    new Float64Array(40_000),
    3,
  ) as [Float64Array, Float64Array];
  assert.ok(Math.abs(pearson(a0, x0)) < 0.03, "independent without the step");
  assert.ok(pearson(a1, x1) > 0.3, `with the step: ${pearson(a1, x1)}`);
  const base = { quantiles: [0, 1], of: "a", component: 1 };
  assert.deepEqual(trace.check?.({ ...base, shiftWith: "s", shiftAbove: 0.5, shiftBy: 1 }), []);
  assert.equal(trace.check?.({ ...base, shiftWith: "s" }).length, 1, "all three or none");
  assert.equal(trace.check?.({ quantiles: [0, 1], shiftWith: "s", shiftAbove: 0.5, shiftBy: 1 }).length, 1);
});

test("a flickering flag that kicks a slow reading: the reading keeps its spread and its correlation with the flag", () => {
  // The flag comes more often when the reading is high, so the correction correlates their
  // latents; the reading's table is composed with the law of u + kick that this gives.
  const { result, yaml } = roundTrip(kickTrace(1000, 5), { rowsPerDevice: 100_000 });
  assert.match(yaml, /shiftWith: activ/, "the reading steps with the flag");
  assert.deepEqual(failures(result), [], "every line within compare's tolerance");
  const line = (column: string, stat: string): { trace: number; generated: number } =>
    [...result.columns, ...result.pairs].find((l) => l.column === column && l.stat === stat) as {
      trace: number;
      generated: number;
    };
  // Half of compare's tolerances: the margin a sample of another seed needs.
  const spread = line("temp", "std");
  assert.ok(Math.abs(spread.generated / spread.trace - 1) < 0.05, `temp std ${spread.generated} vs ${spread.trace}`);
  const pair = line("activ ~ temp", "correlation");
  assert.ok(Math.abs(pair.generated - pair.trace) < 0.05, `activ ~ temp ${pair.generated} vs ${pair.trace}`);
});
