/** Random and hostile sample payloads: init never crashes, and what it writes passes its check and runs. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Random } from "../../../src/sim/random.ts";
import { assertSameShape, fromSamples } from "./infer-helpers.ts";

const KEY_CHARS = [
  "a",
  "Z",
  "_",
  "-",
  ".",
  " ",
  "é",
  "名",
  "😀",
  "{",
  "}",
  "[",
  "]",
  '"',
  "'",
  ":",
  "#",
  "\\",
  "\n",
  "\t",
  "0",
  "$",
  "@",
  "/",
];
const WORDS = [
  "id",
  "ts",
  "time",
  "status",
  "temp",
  "value",
  "device_id",
  "mac",
  "gen",
  "ref",
  "const",
  "array",
  "__proto__",
  "null",
  "true",
  "<<",
  "~",
];
const STRINGS = [
  "",
  "ok",
  "x".repeat(300),
  "2024-05-01T12:00:00Z",
  "0b7e9f3a-3c1d-4d2e-9f8a-1b2c3d4e5f60",
  "AA:BB:CC:DD:EE:FF",
  "dev-0001",
  "{x}",
  'a"b',
  "é名😀",
  "1e5",
  "null",
  "#A#X",
];
const NUMBERS = [
  0, -0, 1, -1, 0.5, 1e-9, 123456789, 1714557600, 1714557600123, 1e21, -1e300, 1.7976931348623157e308, 5e-324, 3.14159,
];

function key(r: Random): string {
  if (r.next() < 0.4) return WORDS[r.int(WORDS.length)] as string;
  let k = "";
  const n = r.int(6);
  for (let i = 0; i < n; i++) k += KEY_CHARS[r.int(KEY_CHARS.length)];
  return k;
}

function value(r: Random, depth: number): unknown {
  const roll = r.next();
  if (depth > 6 || roll < 0.2) return NUMBERS[r.int(NUMBERS.length)];
  if (roll < 0.4) return STRINGS[r.int(STRINGS.length)];
  if (roll < 0.5) return r.next() < 0.5;
  if (roll < 0.55) return null;
  if (roll < 0.75) return Array.from({ length: r.int(4) }, () => (r.next() < 0.7 ? value(r, depth + 1) : NUMBERS[0]));
  const o: Record<string, unknown> = {};
  const n = r.int(6);
  for (let i = 0; i < n; i++) o[key(r)] = value(r, depth + 1);
  return o;
}

test("300 random hostile samples: checked, compiled, run; forbidden keys renamed, the rest kept", () => {
  const r = new Random(20261201);
  for (let i = 0; i < 300; i++) {
    const sample: Record<string, unknown> = { id: `dev-${i}` };
    const n = 1 + r.int(8);
    for (let j = 0; j < n; j++) sample[key(r)] = value(r, 1);
    const text = JSON.stringify(sample);
    let events: Record<string, unknown>[];
    try {
      events = fromSamples(text).events;
    } catch (error) {
      assert.fail(`sample ${i}: ${text}\n${error instanceof Error ? error.message : String(error)}`);
    }
    assert.ok(events.length > 0);
    const plain = Object.keys(sample).every((k) => /^[^\s."{}[\]]{1,128}$/.test(k));
    assert.equal(Object.keys(events[0] as object).length, Object.keys(sample).length, `sample ${i}: ${text}`);
    if (plain && JSON.stringify(sample).length < 5000) {
      // Nested objects may rename the format's own keys; compare the top level's types only.
      for (const [k, v] of Object.entries(sample))
        if (typeof v !== "object") assertSameShape(v, (events[0] as Record<string, unknown>)[k], `sample ${i}.${k}`);
    }
  }
});
