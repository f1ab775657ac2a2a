/** A JSON Schema string or number → its generator: patterns, formats, lengths, multiples. */
import { regexDraw } from "../sim/regex-string.ts";
import type { Guess } from "./guess.ts";
import type { Schema } from "./schema-node.ts";

export const MAX_MULTIPLES = 10_000;

/**
 * The multiples of `m` in [min, max], when few enough to pick from, written with m's decimals
 * and kept only when x / m is a whole number in floating point: validators check that exactly
 * (ajv: 0.3 / 0.1 = 2.9999999999999996 fails), so 0.3 is left out of the multiples of 0.1.
 */
export function multiples(m: number, min: number, max: number): number[] | undefined {
  const lo = Math.ceil(min / m - 1e-9);
  const hi = Math.floor(max / m + 1e-9);
  if (hi < lo || hi - lo + 1 > MAX_MULTIPLES) return undefined;
  let decimals = 0;
  while (decimals < 20 && Number(m.toFixed(decimals)) !== m) decimals++;
  const out: number[] = [];
  for (let k = lo; k <= hi; k++) {
    const x = Number((k * m).toFixed(decimals)) + 0;
    if (Number.isInteger(x / m) && x >= min && x <= max) out.push(x);
  }
  return out.length > 0 ? out : undefined;
}

/** Text the usual formats take, as patterns the regex generator draws from. */
const FORMAT_PATTERNS: Readonly<Record<string, string>> = {
  email: "^[a-z]{3,8}\\.[a-z]{3,8}@example\\.(com|org|net)$",
  ipv4: "^10\\.([1-9]?[0-9])\\.([1-9]?[0-9])\\.([1-9]?[0-9])$",
  hostname: "^[a-z]{3,8}(-[a-z0-9]{2,4})?\\.example\\.com$",
  uri: "^https://example\\.com/[a-z]{3,8}(/[a-z0-9]{1,8}){0,2}$",
  "uri-reference": "^/[a-z]{3,8}(/[a-z0-9]{1,8}){0,2}$",
};

/**
 * A string's generator from `pattern` (a regex generator), a format with a known pattern, or
 * minLength/maxLength; undefined leaves it to the usual guesses (enums, formats, names).
 */
export function textGuess(s: Schema, hasChoices: boolean, notes: string[], identity: boolean): Guess | undefined {
  if (hasChoices) return undefined;
  const pattern = s["pattern"];
  if (typeof pattern === "string") {
    const d = regexDraw(pattern);
    // An id-like field names the device: drawn once per device (and the record key, see keyOf).
    if (!("problem" in d))
      return { t: "leaf", leaf: { gen: "regex", pattern, ...(identity ? { per: "device" } : {}) } };
    notes.push(`pattern ${JSON.stringify(pattern).slice(0, 60)} not generated: ${d.problem}`);
    return undefined;
  }
  const format = typeof s["format"] === "string" ? FORMAT_PATTERNS[s["format"]] : undefined;
  if (format) return { t: "leaf", leaf: { gen: "regex", pattern: format } };
  const len = (k: string): number | undefined =>
    typeof s[k] === "number" && Number.isInteger(s[k]) && (s[k] as number) >= 0 ? (s[k] as number) : undefined;
  const min = len("minLength");
  const max = len("maxLength");
  if ((min === undefined && max === undefined) || typeof s["format"] === "string") return undefined;
  const lo = Math.min(min ?? 1, 256);
  const hi = Math.max(lo, Math.min(max ?? lo + 8, lo + 64));
  return { t: "leaf", leaf: { gen: "regex", pattern: `^[a-z0-9]{${lo},${hi}}$` } };
}
