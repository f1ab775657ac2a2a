import assert from "node:assert/strict";
import { test } from "node:test";
import { compileFleet } from "../../../../src/sim/declared/compile/fleet.ts";
import { validateFleet } from "../../../../src/sim/declared/validate.ts";
import { NO_EFFECTS } from "../../../../src/sim/types.ts";
import { parse } from "yaml";

/** Records as values (a binary format's topic): the ISO text is made only when something reads it. */
function valuesOf(fields: string, key: string) {
  const raw = parse(`probe:\n  fields:\n${fields}\n  topics: {data: {key: "${key}"}}\n`) as unknown;
  const { fleet, errors } = validateFleet(raw, { roles: ["data"] });
  assert.deepEqual(errors, []);
  const values: unknown[] = [];
  const model = compileFleet(fleet!, {
    devices: 2,
    seed: 1,
    roles: ["data"],
    sampleIntervalMs: 1000,
    timeScale: 1,
    values: [(v) => values.push(v)],
  });
  const keys: string[] = [];
  model.emit(0, Date.UTC(2026, 0, 5, 12, 0, 0, 250), { push: (_t, k) => keys.push(k) }, NO_EFFECTS);
  return { source: model.source, keys, values };
}

test("an ISO time nobody reads as text is written as its epoch, its text never made", () => {
  const { source, values } = valuesOf(
    `    id: {gen: id, format: "p-{number}"}\n    ts: {gen: timestamp, format: iso}`,
    "{id}",
  );
  assert.deepEqual(values, [{ id: "p-1", ts: Date.UTC(2026, 0, 5, 12, 0, 0, 250) }]);
  assert.doesNotMatch(source, /time\.iso\(/);
});

test("an ISO time read by a key template (or an expression) keeps its text", () => {
  const { source, keys, values } = valuesOf(
    `    ts: {gen: timestamp, format: iso}\n    late: {gen: expr, expr: "ts > '2026'"}`,
    "{ts}",
  );
  assert.deepEqual(keys, ["2026-01-05T12:00:00.250Z"]);
  assert.deepEqual(values, [{ ts: Date.UTC(2026, 0, 5, 12, 0, 0, 250), late: true }]);
  assert.match(source, /time\.iso\(/);
});
