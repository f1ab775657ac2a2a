import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { inlineFleetFiles } from "../../../../src/config/fleet-files.ts";
import { compileFleet } from "../../../../src/sim/declared/compile/fleet.ts";
import { GENERATORS } from "../../../../src/sim/declared/generators/index.ts";
import { validateFleet } from "../../../../src/sim/declared/validate.ts";
import { Random } from "../../../../src/sim/random.ts";
import { NO_EFFECTS } from "../../../../src/sim/types.ts";

const roles = ["data", "alerts"];

test("every problem at once, each with its path, with did-you-mean for generators and params", () => {
  const { fleet, errors } = validateFleet(
    {
      k: {
        share: -1,
        fields: {
          a: { gen: "normall", mean: 1 },
          b: { gen: "normal", meann: 1, sd: -2 },
          c: { gen: "expr", expr: "a +" },
          d: { gen: "reading", mean: 5, min: 10, max: 0 },
        },
        topics: { dat: {}, alerts: { if: "nope > 1" } },
      },
    },
    { roles },
  );
  assert.equal(fleet, undefined);
  assert.deepEqual(errors, [
    "fleet.k.share: must be a number of 0 or more (relative to the other kinds), got -1",
    'fleet.k.fields.a.gen: unknown generator "normall" (did you mean "normal"?); see docs/generators.md',
    'fleet.k.fields.b: unknown key "meann" (did you mean "mean"?)',
    "fleet.k.fields.b.sd: must be a number of at least 0, got -2",
    "fleet.k.fields.c.expr: is not an expression: unexpected end",
    "fleet.k.fields.d: min: must be less than max (0), got 10",
    "fleet.k.fields.d: mean: must lie within [min, max], got 5",
    'fleet.k.topics.dat: no such topic role in the scenario\'s topics (did you mean "data"?)',
    'fleet.k.topics.alerts.if: names no field "nope"',
  ]);
});

test("a zipf catalog from a file: the loader inlines its lines as the items; an unreadable file is one problem with its path", () => {
  const dir = mkdtempSync(join(tmpdir(), "surge-zipf-"));
  const file = join(dir, "catalog.txt");
  writeFileSync(file, "alpha\nbeta\n\ngamma\n");
  const reader = { readFile: (path: string) => readFileSync(path, "utf8") };
  const fleetWith = (f: string): unknown => ({
    k: { fields: { item: { gen: "zipf", file: f, exponent: 2 } }, topics: { data: {} } },
  });
  const inlined = inlineFleetFiles(fleetWith(file), reader);
  assert.deepEqual(inlined.errors, []);
  const ok = validateFleet(inlined.fleet, { roles });
  assert.deepEqual(ok.errors, []);
  const model = compileFleet(ok.fleet!, { devices: 1, seed: 1, roles, sampleIntervalMs: 1000, timeScale: 1 });
  const seen = new Map<string, number>();
  for (let i = 0; i < 3000; i++) {
    model.emit(
      0,
      1.7e12 + i,
      {
        push: (_t, _k, v) => {
          const x = (JSON.parse(v) as { item: string }).item;
          seen.set(x, (seen.get(x) ?? 0) + 1);
        },
      },
      NO_EFFECTS,
    );
  }
  assert.deepEqual([...seen.keys()].sort(), ["alpha", "beta", "gamma"]);
  assert.ok((seen.get("alpha") ?? 0) > (seen.get("beta") ?? 0) && (seen.get("beta") ?? 0) > (seen.get("gamma") ?? 0));
  const missing = inlineFleetFiles(fleetWith(join(dir, "nope.txt")), reader);
  assert.deepEqual(missing.errors, [
    `fleet.k.fields.item.file: cannot read ${JSON.stringify(join(dir, "nope.txt"))}: no such file`,
  ]);
  // The generators never read files themselves: a file the loader did not inline is named as such.
  assert.deepEqual(validateFleet(fleetWith(file), { roles }).errors, [
    "fleet.k.fields.item: file: catalog files are read when a scenario file is loaded; give values here",
  ]);
});

test("fields reading each other in a cycle are refused with the cycle named", () => {
  const { errors } = validateFleet(
    {
      k: { fields: { x: { gen: "expr", expr: "y + 1" }, y: { gen: "expr", expr: "x * 2" } }, topics: { data: {} } },
    },
    { roles },
  );
  assert.deepEqual(errors, ["fleet.k.fields: fields read each other in a cycle: x → y → x"]);
});

/** A random tree, often hostile: unknown generators, bad params, deep nesting, refs to nowhere. */
function randomNode(r: Random, depth: number, names: string[]): unknown {
  const roll = r.int(10);
  if (depth > 30 || roll < 2) return r.pick([1, "x", true, null, -0.5, "°C", 1e308]);
  if (roll < 3)
    return r.pick([
      [1, 2],
      { ref: r.pick(names) },
      { const: { a: [1] } },
      { array: { gen: "uniform" }, length: r.pick([2, [0, 3], -1, "x"]) },
    ]);
  if (roll < 7) {
    const gens = [...GENERATORS.keys(), "nope", ""];
    const gen = r.pick(gens);
    const spec = GENERATORS.get(gen);
    const leaf: Record<string, unknown> = { gen };
    for (const key of Object.keys(spec?.params ?? {})) {
      if (r.bool(0.5))
        leaf[key] = r.pick([0, 1, -1, 5, 0.5, "a", "x > 1", "{a}", [1, 2], { a: 1 }, null, 1e9, "value", "n0"]);
    }
    if (r.bool(0.1)) leaf[r.pick(["per", "omit", "nullable", "junk"])] = r.pick(["device", "event", 0.5, 2]);
    return leaf;
  }
  const obj: Record<string, unknown> = {};
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) {
    const name = r.pick(["n0", "n1", "value", "a", "b.c", "x y", `f${r.int(100)}`]);
    names.push(name);
    obj[name] = randomNode(r, depth + 1 + (r.bool(0.1) ? 10 : 0), names);
  }
  return obj;
}

test(
  "fuzz: random and hostile fleets validate to problems with paths, or compile and emit valid JSON",
  { timeout: 120_000 },
  () => {
    const r = new Random(99);
    let compiled = 0;
    for (let i = 0; i < 3000; i++) {
      const names: string[] = [];
      const raw = {
        k: {
          fields: randomNode(r, 0, names),
          topics: r.pick([{ data: {} }, { data: { repeat: "n0" } }, { alerts: { if: "n0 > 0" } }, "x"]),
        },
      };
      const { fleet, errors } = validateFleet(raw, { roles });
      if (!fleet) {
        assert.ok(errors.length > 0);
        for (const e of errors) assert.match(e, /^fleet(\.|:)/, e);
        continue;
      }
      const model = compileFleet(fleet, { devices: 5, seed: i, roles, sampleIntervalMs: 1000, timeScale: 1 });
      for (let e = 0; e < 20; e++) {
        model.emit(
          e % 5,
          1.7e12 + e,
          { push: (_t, _k, value) => assert.doesNotThrow(() => JSON.parse(value), value) },
          NO_EFFECTS,
        );
      }
      compiled++;
    }
    assert.ok(compiled > 10, `only ${compiled} of 3000 random fleets were valid`);
  },
);
