/**
 * JSON Schema rules between properties, turned into a schema every record can follow:
 * if/then/else of the common form (the `if` tests properties against const or enum) and
 * dependentRequired (draft 7: array-valued `dependencies`).
 */
import { isObj, without, type Schema } from "./schema-node.ts";

/** prop → the values the `if` accepts, when the `if` is of the common form; else undefined. */
function simpleIf(cond: unknown): Map<string, unknown[]> | undefined {
  if (!isObj(cond) || !isObj(cond["properties"])) return undefined;
  if (Object.keys(cond).some((k) => !["properties", "required", "type"].includes(k))) return undefined;
  const out = new Map<string, unknown[]>();
  for (const [k, v] of Object.entries(cond["properties"])) {
    if (!isObj(v) || Object.keys(v).some((x) => !["const", "enum", "type"].includes(x))) return undefined;
    const allowed = "const" in v ? [v["const"]] : Array.isArray(v["enum"]) ? v["enum"] : [];
    if (allowed.length === 0) return undefined;
    out.set(k, allowed);
  }
  return out.size > 0 ? out : undefined;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The values property `k` of `s` can take when it restricts them (const or enum). */
function restricted(s: Schema, k: string): unknown[] | undefined {
  const p = isObj(s["properties"]) ? s["properties"][k] : undefined;
  if (!isObj(p)) return undefined;
  return "const" in p ? [p["const"]] : Array.isArray(p["enum"]) ? p["enum"] : undefined;
}

const LOWEST = ["maximum", "exclusiveMaximum", "maxLength", "maxItems"];
const HIGHEST = ["minimum", "exclusiveMinimum", "minLength", "minItems"];

/** A property's schema that both `a` and `b` hold for: the tighter bound, the common enum values. */
function both(a: Schema, b: Schema): Schema {
  const out: Schema = { ...a, ...b };
  for (const [keys, pick] of [
    [LOWEST, Math.min],
    [HIGHEST, Math.max],
  ] as const)
    for (const k of keys)
      if (typeof a[k] === "number" && typeof b[k] === "number") out[k] = pick(a[k] as number, b[k] as number);
  if (Array.isArray(a["enum"]) && Array.isArray(b["enum"])) {
    const other = b["enum"];
    out["enum"] = a["enum"].filter((x) => other.some((y) => same(x, y)));
  }
  return out;
}

/** `s` with `branch`'s properties merged into its own (both hold) and its required added. */
function mergeBranch(s: Schema, branch: Schema): Schema {
  const props: Schema = { ...(isObj(s["properties"]) ? s["properties"] : {}) };
  for (const [k, v] of Object.entries(isObj(branch["properties"]) ? branch["properties"] : {}))
    props[k] = isObj(props[k]) && isObj(v) ? both(props[k], v) : v;
  const required = [
    ...(Array.isArray(s["required"]) ? s["required"] : []),
    ...(Array.isArray(branch["required"]) ? branch["required"] : []),
  ];
  return { ...without(without(branch, "properties"), "required"), ...s, properties: props, required };
}

/**
 * `s` with its conditions (its own if/then/else and those of its allOf parts) decided: each
 * `if` property is pinned to one value it accepts, so every record takes the `then` branch,
 * unless an earlier pin or the schema rules that out, then the `else` branch. Other forms of
 * `if` are named in `notes`.
 */
export function decideConditions(s: Schema, conds: readonly Schema[], notes: string[]): Schema {
  let out = without(without(without(s, "if"), "then"), "else");
  const pinned = new Map<string, unknown>();
  for (const c of conds) {
    const when = simpleIf(c["if"]);
    if (!when) {
      notes.push("if/then/else not generated (only an if on properties' const or enum is)");
      continue;
    }
    const choice = new Map<string, unknown>();
    let fails: string | undefined;
    for (const [k, accepted] of when) {
      const can = pinned.has(k) ? [pinned.get(k)] : restricted(out, k);
      const ok = can === undefined ? accepted : accepted.filter((a) => can.some((b) => same(a, b)));
      if (ok.length === 0) fails = k;
      else choice.set(k, ok[0]);
    }
    if (fails === undefined) for (const [k, v] of choice) pinned.set(k, v);
    // A left-out property passes the `if`: the one that fails it must be written.
    const otherwise = isObj(c["else"]) ? c["else"] : {};
    const required = Array.isArray(otherwise["required"]) ? otherwise["required"] : [];
    const branch = fails === undefined ? c["then"] : { ...otherwise, required: [...required, fails] };
    if (isObj(branch)) out = mergeBranch(out, branch);
  }
  if (pinned.size === 0) return out;
  const props: Schema = { ...(isObj(out["properties"]) ? out["properties"] : {}) };
  for (const [k, v] of pinned) props[k] = { ...(isObj(props[k]) ? props[k] : {}), const: v };
  notes.push(`if/then/else: ${[...pinned].map(([k, v]) => `${k} is always ${JSON.stringify(v)}`).join(", ")}`);
  const required = [...(Array.isArray(out["required"]) ? out["required"] : []), ...pinned.keys()];
  return { ...out, properties: props, required };
}

/**
 * The required set with dependentRequired honoured: the dependents of a property that may be
 * written become required. Returns the properties that must be left out instead (a dependent
 * the schema does not describe), with a note.
 */
export function dependents(s: Schema, required: Set<string>, notes: string[]): Set<string> {
  const props = isObj(s["properties"]) ? s["properties"] : {};
  const rules: [string, unknown][] = [
    ...Object.entries(isObj(s["dependentRequired"]) ? s["dependentRequired"] : {}),
    ...Object.entries(isObj(s["dependencies"]) ? s["dependencies"] : {}).filter(([, v]) => Array.isArray(v)),
  ];
  if (isObj(s["dependencies"]) && Object.values(s["dependencies"]).some(isObj))
    notes.push("dependencies with a schema not generated");
  const dropped = new Set<string>();
  for (const [k, list] of rules) {
    if (!(k in props) || !Array.isArray(list)) continue;
    const missing = list.filter((d) => typeof d !== "string" || !(d in props));
    if (missing.length === 0) for (const d of list as string[]) required.add(d);
    else if (!required.has(k)) {
      dropped.add(k);
      notes.push(`${k} left out: it needs ${missing.join(", ")}, which the schema does not describe`);
    } else notes.push(`dependentRequired of ${k} not generated: ${missing.join(", ")} not described`);
  }
  return dropped;
}
