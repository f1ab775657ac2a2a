import assert from "node:assert/strict";
import { test } from "node:test";
import { problems, run } from "./helpers.ts";

const fleet = (fields: string): string => `topics: {data: x}
fleet:
  probe:
    fields:
      id: {gen: id, format: "p-{number}"}
${fields}
    topics: {data: {}}
`;

test("listed keys: distinct, in list order, as many as drawn", () => {
  const keys = ["cpu", "gpu", "disk", "fan", "psu"];
  const out = run(
    fleet(`      temps: {map: {gen: normal, mean: 20, sd: 2, decimals: 1}, keys: [${keys}], size: [1, 4]}`),
    {
      devices: 20,
      rounds: 20,
    },
  );
  const sizes = new Set<number>();
  const seen = new Set<string>();
  for (const r of out) {
    const names = Object.keys(r.value["temps"] as object);
    sizes.add(names.length);
    for (const k of names) seen.add(k);
    assert.ok(names.length >= 1 && names.length <= 4, names.join());
    const at = names.map((k) => keys.indexOf(k));
    assert.deepEqual(
      at,
      [...at].sort((a, b) => a - b),
      "list order",
    );
    assert.ok(
      Object.values(r.value["temps"] as object).every((v) => typeof v === "number"),
      "values are the value tree's",
    );
  }
  assert.deepEqual([...sizes].sort(), [1, 2, 3, 4], "every size in the range is drawn");
  assert.equal(seen.size, keys.length, "every key is taken sometimes");
});

test("without size, every listed key; generated keys never repeat within a record", () => {
  const out = run(
    fleet(`      all: {map: {gen: counter}, keys: [a, b]}
      tags:
        map: {level: {gen: pick, values: [low, high]}}
        keys: {gen: regex, pattern: "[ab][ab]"}
        size: 4`),
    { devices: 10, rounds: 30 },
  );
  let full = 0;
  for (const r of out) {
    assert.deepEqual(Object.keys(r.value["all"] as object), ["a", "b"]);
    const tags = r.value["tags"] as Record<string, { level: string }>;
    // 4 possible keys, 4 entries: repeats are redrawn, so most records have all four.
    if (Object.keys(tags).length === 4) full++;
    for (const v of Object.values(tags)) assert.ok(["low", "high"].includes(v.level));
  }
  assert.ok(full > out.length * 0.8, `${full} of ${out.length} records with 4 distinct keys`);
});

test("map mistakes are named with their path", () => {
  const { errors } = problems(
    fleet(`      a: {map: 1, keys: [x, y], size: 3}
      b: {map: 1, keys: {gen: regex, pattern: "[a-z]"}}
      c: {map: 1, keys: {gen: counter}, size: 1}
      d: {map: 1, keys: [x, x]}
      e: {map: 1, keys: [__proto__]}
      f: {map: 1, keys: {gen: pick, values: [p, q], nullable: 0.5}, size: 1}
      g: {map: 1, keys: [x], sise: 1}`),
  );
  const want = [
    "a.size: at most 2",
    "b.size: is required with generated keys",
    "c.keys: keys are texts",
    "d.keys: a key is listed twice",
    "e.keys: __proto__ cannot be a key",
    "f.keys: a key is always written",
    'g: unknown key "sise"',
  ];
  for (const w of want)
    assert.ok(
      errors.some((e) => e.includes(w)),
      `${w} in ${errors.join("\n")}`,
    );
});

test("an object with a field named map (and no keys) stays an object", () => {
  const out = run(fleet(`      where: {map: "A3", floor: 2}`), { devices: 1, rounds: 1 });
  assert.deepEqual(out[0]?.value["where"], { map: "A3", floor: 2 });
});

test("unique arrays: items never repeat, from a list in list order or redrawn", () => {
  const out = run(
    fleet(`      tags: {array: {gen: pick, values: [a, b, c, d]}, length: [2, 4], unique: true}
      dice: {array: {gen: uniform, min: 1, max: 6, decimals: 0}, length: 4, unique: true}`),
    { devices: 10, rounds: 20 },
  );
  let full = 0;
  for (const r of out) {
    const tags = r.value["tags"] as string[];
    assert.ok(tags.length >= 2 && tags.length <= 4, tags.join());
    assert.deepEqual(tags, [...tags].sort(), "list order");
    assert.equal(new Set(tags).size, tags.length);
    const dice = r.value["dice"] as number[];
    assert.equal(new Set(dice).size, dice.length, dice.join());
    if (dice.length === 4) full++;
  }
  assert.ok(full > out.length * 0.95, `${full} of ${out.length} with 4 distinct dice`);
});

test("unique arrays need one generator and enough values", () => {
  const { errors } = problems(
    fleet(`      a: {array: {x: {gen: bool}}, length: 2, unique: true}
      b: {array: {gen: pick, values: [p, q]}, length: 3, unique: true}
      c: {array: {gen: bool}, length: 1, unique: yes}`),
  );
  for (const w of [
    "a.unique: distinct items are drawn from one generator",
    "b.length: at most 2 distinct items",
    "c.unique: must be true or false",
  ])
    assert.ok(
      errors.some((e) => e.includes(w)),
      `${w} in ${errors.join("\n")}`,
    );
});
