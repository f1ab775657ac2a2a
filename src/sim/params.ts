/**
 * Declarative model params: one table per model gives each knob's type, range, default and
 * meaning, so validation (all problems at once) and defaults come from the same place.
 * Values may arrive as YAML scalars or as strings (env / --param overrides), so numeric and
 * boolean strings and comma-separated lists are accepted.
 */

export type ParamSpec =
  | { type: "number"; default: number; min: number; max: number; integer?: boolean; doc: string }
  | { type: "boolean"; default: boolean; doc: string }
  | { type: "enum"; default: string; values: readonly string[]; doc: string }
  | { type: "string"; default: string; pattern: RegExp; what: string; doc: string }
  | { type: "list"; default: readonly string[]; pattern: RegExp; what: string; maxItems: number; doc: string };

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

type ValueOf<S extends ParamSpec> = S extends { type: "number" }
  ? number
  : S extends { type: "boolean" }
    ? boolean
    : S extends { type: "list" }
      ? readonly string[]
      : string;

export type Params<T extends ParamSpecs> = { readonly [K in keyof T]: ValueOf<T[K]> };

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

function show(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : Array.isArray(v) ? "a list" : String(v);
}

function parseOne(spec: ParamSpec, raw: unknown): Parsed {
  switch (spec.type) {
    case "number": {
      const n = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
      const kind = spec.integer ? "an integer" : "a number";
      const want = `must be ${kind} from ${spec.min} to ${spec.max}`;
      if (typeof n !== "number" || !Number.isFinite(n)) return { ok: false, problem: `${want}, got ${show(raw)}` };
      if (spec.integer && !Number.isInteger(n)) return { ok: false, problem: `${want}, got ${n}` };
      if (n < spec.min || n > spec.max) return { ok: false, problem: `${want}, got ${n}` };
      return { ok: true, value: n };
    }
    case "boolean": {
      if (typeof raw === "boolean") return { ok: true, value: raw };
      if (raw === "true" || raw === "false") return { ok: true, value: raw === "true" };
      return { ok: false, problem: `must be true or false, got ${show(raw)}` };
    }
    case "enum": {
      if (typeof raw === "string" && spec.values.includes(raw)) return { ok: true, value: raw };
      return { ok: false, problem: `must be one of ${spec.values.join(", ")}, got ${show(raw)}` };
    }
    case "string": {
      if (typeof raw === "string" && spec.pattern.test(raw)) return { ok: true, value: raw };
      return { ok: false, problem: `must be ${spec.what}, got ${show(raw)}` };
    }
    case "list": {
      const items = typeof raw === "string" ? raw.split(",").map((s) => s.trim()) : raw;
      const want = `must be a non-empty list (at most ${spec.maxItems}) of ${spec.what}`;
      if (!Array.isArray(items) || items.length === 0 || items.length > spec.maxItems) {
        return { ok: false, problem: `${want}, got ${show(raw)}` };
      }
      const bad = items.find((s) => typeof s !== "string" || !spec.pattern.test(s));
      if (bad !== undefined) return { ok: false, problem: `${want}, got item ${show(bad)}` };
      if (new Set(items).size !== items.length) return { ok: false, problem: `${want}, without duplicates` };
      return { ok: true, value: items.slice() };
    }
  }
}

/** Every problem with `params`, as "params.<key>: ..." lines; unknown keys included. */
export function validateParams(params: Record<string, unknown>, specs: ParamSpecs): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(params)) {
    const spec = specs[key];
    if (spec === undefined) {
      problems.push(`params.${key}: unknown parameter; allowed: ${Object.keys(specs).join(", ")}`);
      continue;
    }
    const parsed = parseOne(spec, params[key]);
    if (!parsed.ok) problems.push(`params.${key}: ${parsed.problem}`);
  }
  return problems;
}

/** Params with defaults filled; throws with every problem if they do not validate. */
export function resolveParams<T extends ParamSpecs>(params: Record<string, unknown>, specs: T): Params<T> {
  const problems = validateParams(params, specs);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const parsed = key in params ? parseOne(spec, params[key]) : { ok: true as const, value: spec.default };
    out[key] = parsed.ok ? parsed.value : spec.default;
  }
  return out as Params<T>;
}
