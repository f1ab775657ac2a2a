/**
 * Number formatting for hand-built JSON. V8's double→string costs ~200 ns; formatting the
 * integer and fraction parts separately costs ~40 ns and is the bulk of an event's budget.
 * Output is always a valid JSON number ("25.60", "-0.05"); NaN and ±Infinity become 0.
 */

/** ".00" ... ".99": the dot included saves a concatenation per number. */
const FRAC2: readonly string[] = Array.from({ length: 100 }, (_, i) => "." + String(i).padStart(2, "0"));
const FRAC1: readonly string[] = Array.from({ length: 10 }, (_, i) => "." + String(i));

/** Beyond this the integer part loses precision; such values only come from broken effects. */
const LIMIT = 9e15;

/** x with exactly two decimals, e.g. 25.6 → "25.60". */
export function fmt2(x: number): string {
  let n = Math.round(x * 100);
  if (!(Math.abs(n) < LIMIT)) n = 0; // also catches NaN
  let sign = "";
  if (n < 0) {
    sign = "-";
    n = -n;
  }
  const i = Math.floor(n / 100);
  return sign + i + FRAC2[n - i * 100];
}

/** x with exactly one decimal, e.g. 87 → "87.0". */
export function fmt1(x: number): string {
  let n = Math.round(x * 10);
  if (!(Math.abs(n) < LIMIT)) n = 0;
  let sign = "";
  if (n < 0) {
    sign = "-";
    n = -n;
  }
  const i = Math.floor(n / 10);
  return sign + i + FRAC1[n - i * 10];
}

/** x rounded to an integer JSON number. */
export function fmtInt(x: number): string {
  const n = Math.round(x);
  return Math.abs(n) < LIMIT ? String(n) : "0";
}

/** Rounded like fmt2 but as a number, for state that is reported later (stuck readings). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * JSON text with every non-ASCII character \u-escaped. JSON.parse gives the same value, and
 * all-ASCII values encode ~2× faster (Buffer.from on Node) and may be written as latin1.
 */
export function asciiJson(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}
