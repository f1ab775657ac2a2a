import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveParams, validateParams, type ParamSpecs } from "../../../src/sim/params.ts";

const SPECS = {
  rate: { type: "number", default: 0.5, min: 0, max: 1, doc: "" },
  count: { type: "number", default: 3, min: 1, max: 10, integer: true, doc: "" },
  on: { type: "boolean", default: true, doc: "" },
  unit: { type: "enum", default: "C", values: ["C", "F"], doc: "" },
  code: { type: "string", default: "USD", pattern: /^[A-Z]{3}$/, what: "three capitals", doc: "" },
  names: { type: "list", default: ["a"], pattern: /^[a-z]+$/, what: "lowercase names", maxItems: 3, doc: "" },
} as const satisfies ParamSpecs;

test("params: defaults fill what is missing", () => {
  assert.deepEqual(resolveParams({}, SPECS), { rate: 0.5, count: 3, on: true, unit: "C", code: "USD", names: ["a"] });
});

test("params: strings from env or flags are coerced", () => {
  const p = resolveParams({ rate: "0.25", count: "4", on: "false", names: "x, y" }, SPECS);
  assert.equal(p.rate, 0.25);
  assert.equal(p.count, 4);
  assert.equal(p.on, false);
  assert.deepEqual(p.names, ["x", "y"]);
});

test("params: every problem at once, with the key and what is allowed", () => {
  const problems = validateParams(
    { rate: 2, count: 2.5, on: "yes", unit: "K", code: "usd", names: ["a", "a"], extra: 1, rate2: "" },
    SPECS,
  );
  assert.deepEqual(problems, [
    "params.rate: must be a number from 0 to 1, got 2",
    "params.count: must be an integer from 1 to 10, got 2.5",
    'params.on: must be true or false, got "yes"',
    'params.unit: must be one of C, F, got "K"',
    'params.code: must be three capitals, got "usd"',
    "params.names: must be a non-empty list (at most 3) of lowercase names, without duplicates",
    "params.extra: unknown parameter; allowed: rate, count, on, unit, code, names",
    "params.rate2: unknown parameter; allowed: rate, count, on, unit, code, names",
  ]);
  assert.throws(() => resolveParams({ rate: "x" }, SPECS), /params\.rate: must be a number from 0 to 1, got "x"/);
});
