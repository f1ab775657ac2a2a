/**
 * Record values as numbers and objects instead of JSON text (the binary formats' path): each
 * helper returns exactly what JSON.parse gives for the text the JSON path writes, so a record
 * encoded from its value has the same bytes as one encoded from its parsed JSON.
 */

/** The integer part loses precision beyond this; format.ts writes such values as 0 too. */
const LIMIT = 9e15;

/** JSON.parse(fmt2(x)); `+ 0` turns -0 into 0 as the text "0.00" does. */
export function val2(x: number): number {
  const n = Math.round(x * 100);
  return Math.abs(n) < LIMIT ? n / 100 + 0 : 0;
}

/** JSON.parse(fmt1(x)). */
export function val1(x: number): number {
  const n = Math.round(x * 10);
  return Math.abs(n) < LIMIT ? n / 10 + 0 : 0;
}

/** JSON.parse(fmtInt(x)). */
export function valInt(x: number): number {
  const n = Math.round(x);
  return Math.abs(n) < LIMIT ? n + 0 : 0;
}

/** JSON.parse(fmtN(x, n)). */
export function valN(x: number, n: number): number {
  if (!Number.isFinite(x)) return 0;
  return n === 0 ? valInt(x) : n === 1 ? val1(x) : n === 2 ? val2(x) : Number(x.toFixed(n)) + 0;
}

/** Texts a leaf's memo keeps; a leaf writing ever-new JSON texts parses each once it is full. */
const MEMO_LIMIT = 4096;

/**
 * JSON.parse of a leaf's ready-made JSON text (a location, a catalog product), remembered by
 * text: such texts repeat (cached per device, or drawn from a table), so most are parsed once.
 * Remembered values are shared between records, so they are frozen; writers may keep the bytes
 * of a frozen object (src/formats/*-writer.ts) as the JSON path keeps its text.
 */
export function jsonValue(memo: Map<string, unknown>, text: string): unknown {
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const value = JSON.parse(text) as unknown;
  if (memo.size < MEMO_LIMIT) memo.set(text, deepFreeze(value));
  return value;
}

function deepFreeze(v: unknown): unknown {
  if (v !== null && typeof v === "object") {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
