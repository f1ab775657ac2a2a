/** Checks one generator param against its spec: the value, or a one-line problem. */
import { parseExpr } from "./expr.ts";
import type { Choices } from "./generators/choices.ts";
import type { ParamSpec } from "./spec.ts";
import { parseTemplate } from "./template.ts";

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const MAX_TEXT = 1000;

export function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return "a list";
  if (v !== null && typeof v === "object") return "a map";
  return String(v);
}

const isScalar = (v: unknown): v is string | number | boolean =>
  ["string", "number", "boolean"].includes(typeof v) && (typeof v !== "number" || Number.isFinite(v));

function text(raw: unknown, what: string, parse?: (s: string) => void): Parsed {
  if (typeof raw !== "string" || raw.length === 0) return { ok: false, problem: `must be ${what}, got ${show(raw)}` };
  if (raw.length > MAX_TEXT) return { ok: false, problem: `must be at most ${MAX_TEXT} characters, got ${raw.length}` };
  try {
    parse?.(raw);
  } catch (error) {
    return { ok: false, problem: `is not ${what}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, value: raw };
}

export function parseParam(spec: ParamSpec, raw: unknown): Parsed {
  switch (spec.type) {
    case "number": {
      const kind = spec.integer ? "an integer" : "a number";
      const range =
        spec.min !== undefined && spec.max !== undefined
          ? ` from ${spec.min} to ${spec.max}`
          : spec.min !== undefined
            ? ` of at least ${spec.min}`
            : spec.max !== undefined
              ? ` of at most ${spec.max}`
              : "";
      const want = `must be ${kind}${range}`;
      if (typeof raw !== "number" || !Number.isFinite(raw)) return { ok: false, problem: `${want}, got ${show(raw)}` };
      if (
        (spec.integer && !Number.isInteger(raw)) ||
        (spec.min !== undefined && raw < spec.min) ||
        (spec.max !== undefined && raw > spec.max)
      ) {
        return { ok: false, problem: `${want}, got ${raw}` };
      }
      return { ok: true, value: raw };
    }
    case "boolean":
      return typeof raw === "boolean"
        ? { ok: true, value: raw }
        : { ok: false, problem: `must be true or false, got ${show(raw)}` };
    case "enum":
      return typeof raw === "string" && spec.values.includes(raw)
        ? { ok: true, value: raw }
        : { ok: false, problem: `must be one of ${spec.values.join(", ")}, got ${show(raw)}` };
    case "string":
      return typeof raw === "string" && (!spec.pattern || spec.pattern.test(raw))
        ? { ok: true, value: raw }
        : { ok: false, problem: `must be ${spec.what ?? "a string"}, got ${show(raw)}` };
    case "list": {
      const max = spec.maxItems ?? 10000;
      if (!Array.isArray(raw) || raw.length === 0 || raw.length > max || !raw.every(isScalar)) {
        return {
          ok: false,
          problem: `must be a list of 1 to ${max} values (text, numbers or true/false), got ${show(raw)}`,
        };
      }
      return { ok: true, value: raw.slice() };
    }
    case "weights":
      return weights(raw);
    case "path":
      return typeof raw === "string" && PATH.test(raw)
        ? { ok: true, value: raw }
        : {
            ok: false,
            problem: `must be the dotted path of another field (e.g. sensors.temperature.value), got ${show(raw)}`,
          };
    case "expr":
      return text(raw, "an expression", (s) => parseExpr(s));
    case "template":
      return text(raw, "a template", (s) => parseTemplate(s));
    case "length":
      return length(raw);
    case "node":
      return { ok: true, value: raw };
  }
}

function weights(raw: unknown): Parsed {
  const want = "must be a list of values or a map of value: weight (weights 0 or more, not all 0)";
  if (Array.isArray(raw)) {
    if (raw.length === 0 || raw.length > 10000 || !raw.every(isScalar))
      return { ok: false, problem: `${want}, got ${show(raw)}` };
    const choices: Choices = { values: raw.slice(), weights: raw.map(() => 1) };
    return { ok: true, value: choices };
  }
  if (raw !== null && typeof raw === "object") {
    const entries = Object.entries(raw as Record<string, unknown>);
    const bad = entries.find(([, w]) => typeof w !== "number" || !Number.isFinite(w) || w < 0);
    if (entries.length === 0 || entries.length > 10000 || bad)
      return {
        ok: false,
        problem: `${want}${bad ? `, got weight ${show(bad[1])} for ${JSON.stringify(bad[0])}` : ""}`,
      };
    if (!entries.some(([, w]) => (w as number) > 0)) return { ok: false, problem: `${want}, got all weights 0` };
    const choices: Choices = { values: entries.map(([k]) => k), weights: entries.map(([, w]) => w as number) };
    return { ok: true, value: choices };
  }
  return { ok: false, problem: `${want}, got ${show(raw)}` };
}

export const MAX_ARRAY_LENGTH = 1000;

function length(raw: unknown): Parsed {
  const want = `must be a whole number of items (0-${MAX_ARRAY_LENGTH}) or [min, max]`;
  const ok = (n: unknown): n is number =>
    typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= MAX_ARRAY_LENGTH;
  if (ok(raw)) return { ok: true, value: [raw, raw] };
  if (Array.isArray(raw) && raw.length === 2 && ok(raw[0]) && ok(raw[1]) && raw[0] <= raw[1])
    return { ok: true, value: [raw[0], raw[1]] };
  return { ok: false, problem: `${want}, got ${show(raw)}` };
}
