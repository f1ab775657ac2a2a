/**
 * Tiny schema checks for decoded events: each helper appends "path: problem" lines to `out`, so
 * one call reports every problem of a record. Used by unit tests and by integration tests on
 * records consumed back from Kafka.
 */

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function at(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** `v` must be an object with exactly `keys`; returns it (or undefined) for nested checks. */
export function expectObject(v: unknown, path: string, keys: readonly string[], out: string[]): Obj | undefined {
  const where = path === "" ? "record" : path;
  if (!isObj(v)) {
    out.push(`${where}: expected an object, got ${JSON.stringify(v)}`);
    return undefined;
  }
  for (const k of keys) if (!(k in v)) out.push(`${at(path, k)}: missing`);
  for (const k of Object.keys(v)) if (!keys.includes(k)) out.push(`${at(path, k)}: unexpected field`);
  return v;
}

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** At most this many decimals. */
  decimals?: number;
}

export function expectNumber(o: Obj, key: string, path: string, rule: NumberRule, out: string[]): number | undefined {
  const v = o[key];
  const where = at(path, key);
  if (!(key in o)) return undefined; // reported by expectObject
  if (typeof v !== "number" || !Number.isFinite(v)) {
    out.push(`${where}: expected a number, got ${JSON.stringify(v)}`);
    return undefined;
  }
  if (v < rule.min || v > rule.max) out.push(`${where}: ${v} outside ${rule.min}..${rule.max}`);
  if (rule.integer && !Number.isInteger(v)) out.push(`${where}: ${v} is not an integer`);
  if (rule.decimals !== undefined) {
    const scaled = v * 10 ** rule.decimals;
    if (Math.abs(scaled - Math.round(scaled)) > 1e-6 * Math.max(1, Math.abs(scaled))) {
      out.push(`${where}: ${v} has more than ${rule.decimals} decimals`);
    }
  }
  return v;
}

/** A string matching `rule` (a pattern or the allowed values). */
export function expectString(
  o: Obj,
  key: string,
  path: string,
  rule: RegExp | readonly string[],
  out: string[],
): string | undefined {
  const v = o[key];
  const where = at(path, key);
  if (!(key in o)) return undefined;
  if (typeof v !== "string") {
    out.push(`${where}: expected a string, got ${JSON.stringify(v)}`);
    return undefined;
  }
  const ok = rule instanceof RegExp ? rule.test(v) : rule.includes(v);
  if (!ok) {
    const want = rule instanceof RegExp ? `to match ${rule}` : `one of ${rule.join(", ")}`;
    out.push(`${where}: ${JSON.stringify(v)} is not ${want}`);
  }
  return v;
}

export function expectBoolean(o: Obj, key: string, path: string, out: string[]): boolean | undefined {
  const v = o[key];
  if (!(key in o)) return undefined;
  if (typeof v !== "boolean") {
    out.push(`${at(path, key)}: expected a boolean, got ${JSON.stringify(v)}`);
    return undefined;
  }
  return v;
}

/** Epoch milliseconds between 2000 and 2100. */
export const EPOCH_MS: NumberRule = { min: 946_684_800_000, max: 4_102_444_800_000, integer: true };

/** ISO-8601 UTC, as surge writes it (milliseconds, Z). */
export const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function expectIsoTimestamp(o: Obj, key: string, path: string, out: string[]): void {
  const v = expectString(o, key, path, ISO_UTC_MS, out);
  if (v !== undefined && ISO_UTC_MS.test(v) && Number.isNaN(Date.parse(v))) {
    out.push(`${at(path, key)}: ${v} is not a real date`);
  }
}
