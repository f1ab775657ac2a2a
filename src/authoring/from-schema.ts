/**
 * A JSON Schema (draft 7 / 2019-09 / 2020-12) → a starter scenario: types, required, enum,
 * formats, ranges, items and lengths, local $refs, the first sensible oneOf/anyOf branch.
 * Constructs it cannot generate leave a comment in the YAML, never an error.
 */
import { parse as parseYaml } from "yaml";
import { evidence } from "./evidence.ts";
import { fieldName } from "./field-names.ts";
import type { SampleFile } from "./from-samples.ts";
import { withChances, type Guess, type GuessField } from "./guess.ts";
import { inferScalar } from "./infer-scalar.ts";
import { isObj, merge, resolvePointer, without, type Ctx, type Result, type Schema } from "./schema-node.ts";
import { isMapSchema, mapResult } from "./schema-map.ts";
import { uniqueItems } from "./schema-unique.ts";
import { decideConditions, dependents } from "./schema-rules.ts";
import { MAX_MULTIPLES, multiples, textGuess } from "./schema-text.ts";
import type { ScenarioGuess } from "./yaml-writer.ts";

const MAX_DEPTH = 20;
const MAX_ARRAY = 1000;
/** Share of events that leave out a property the schema does not require. */
const OPTIONAL_OMIT = 0.1;
const UNSUPPORTED = [
  "not",
  "patternProperties",
  "dependentSchemas",
  "unevaluatedProperties",
  "contains",
  "propertyNames",
];

export function scenarioFromSchema(
  file: SampleFile,
  name: string,
  when: Date,
): { scenario: ScenarioGuess } | { errors: string[] } {
  let root: unknown;
  try {
    root = JSON.parse(file.text);
  } catch {
    try {
      root = parseYaml(file.text);
    } catch (error) {
      return {
        errors: [`${file.path}: neither JSON nor YAML (${error instanceof Error ? error.message.split("\n")[0] : ""})`],
      };
    }
  }
  if (!isObj(root))
    return { errors: [`${file.path}: a JSON Schema is an object ({"type": "object", "properties": {...}})`] };
  const top = schemaGuess(root, { root, name: "", parent: "", inArray: false, depth: 0, refs: [] });
  if (top.guess.t !== "object") {
    return {
      errors: [
        `${file.path}: the schema describes ${top.guess.t === "array" ? "a list" : "a single value"}, not an event object: surge generates one JSON object per event`,
      ],
    };
  }
  if (top.guess.fields.length === 0) return { errors: [`${file.path}: the schema has no properties to generate`] };
  const title = typeof root["title"] === "string" ? root["title"] : "";
  const key = keyOf(top.guess.fields);
  return {
    scenario: {
      name,
      description:
        `Inferred by surge init from the JSON Schema ${title ? `"${title.slice(0, 80)}" ` : ""}in ${file.path}`.slice(
          0,
          1000,
        ),
      devices: 1000,
      topic: `${name}-events`,
      kinds: [
        {
          name: "device",
          fields: top.guess.fields,
          ...(key ? { key } : {}),
          ...(top.notes.length > 0 ? { comment: `${top.notes.join("; ")}` } : {}),
        },
      ],
      header: [
        `Written by surge init --from-json-schema on ${when.toISOString().slice(0, 10)}: a starting point, edit it.`,
        "Check it with `surge scenario check FILE`, look at events with `surge sample --scenario FILE`.",
        "Format: docs/fleet-format.md; every generator with its parameters: docs/generators.md.",
      ],
    },
  };
}

function schemaGuess(raw: unknown, ctx: Ctx): Result {
  if (raw === true || raw === undefined)
    return { guess: { t: "const", value: null }, notes: ["any value allowed: put a generator here"] };
  if (!isObj(raw)) return { guess: { t: "const", value: null }, notes: ["not a schema: put a generator here"] };
  if (ctx.depth > MAX_DEPTH)
    return { guess: { t: "const", value: null }, notes: [`nested deeper than ${MAX_DEPTH} levels: stopped`] };
  const notes: string[] = UNSUPPORTED.filter((k) => k in raw).map((k) => `${k} not generated`);
  let s = raw;
  if (typeof s["$ref"] === "string") {
    const ref = s["$ref"];
    if (ctx.refs.includes(ref))
      return { guess: { t: "const", value: null }, notes: [`recursive $ref ${ref}: stopped here`] };
    const target = resolvePointer(ctx.root, ref);
    if (!isObj(target))
      return {
        guess: { t: "const", value: null },
        notes: [`$ref ${ref} not found in this file (only local refs are followed)`],
      };
    const inner = schemaGuess({ ...target, ...without(s, "$ref") }, { ...ctx, refs: [...ctx.refs, ref] });
    return { ...inner, notes: [...notes, ...inner.notes] };
  }
  const parts = Array.isArray(s["allOf"])
    ? s["allOf"]
        .map((p) => (isObj(p) && typeof p["$ref"] === "string" ? resolvePointer(ctx.root, p["$ref"]) : p))
        .filter(isObj)
    : [];
  // Conditions are gathered before the merge, which keeps only the first `if`.
  const conds = [s, ...parts].filter((p) => "if" in p);
  if (parts.length > 0) s = merge([...parts, without(s, "allOf")]);
  if (conds.length > 0) s = decideConditions(s, conds, notes);
  for (const key of ["oneOf", "anyOf"] as const) {
    const branches = s[key];
    if (!Array.isArray(branches) || branches.length === 0) continue;
    const isNull = (b: unknown): boolean => isObj(b) && (b["type"] === "null" || b["const"] === null);
    const chosen = branches.find((b) => !isNull(b));
    const rest = without(s, key);
    if (chosen === undefined) return { guess: { t: "const", value: null }, notes };
    const inner = schemaGuess(isObj(chosen) ? { ...rest, ...chosen } : chosen, { ...ctx, depth: ctx.depth + 1 });
    const more = branches.length - 1 - (branches.some(isNull) ? 1 : 0);
    return {
      guess: inner.guess,
      notes: [...notes, ...inner.notes, ...(more > 0 ? [`${key}: the first of ${branches.length} branches`] : [])],
      nullable: inner.nullable || branches.some(isNull),
    };
  }
  return typed(s, ctx, notes);
}

function typed(s: Schema, ctx: Ctx, notes: string[]): Result {
  const types = (Array.isArray(s["type"]) ? s["type"] : [s["type"]]).filter((t): t is string => typeof t === "string");
  const nullable = types.includes("null");
  let type = types.find((t) => t !== "null");
  if ("const" in s) return { guess: constGuess(s["const"]), notes, nullable };
  if (type === undefined) {
    type =
      isObj(s["properties"]) || isMapSchema(s)
        ? "object"
        : "items" in s || "prefixItems" in s
          ? "array"
          : Array.isArray(s["enum"])
            ? enumType(s["enum"])
            : nullable
              ? "null"
              : undefined;
    if (type === undefined)
      return {
        guess: { t: "leaf", leaf: { gen: "template", template: "text-{number}" } },
        notes: [...notes, "no type in the schema: generated as text"],
      };
  }
  if (type === "null") return { guess: { t: "const", value: null }, notes };
  if (type === "object" && isMapSchema(s)) return mapResult(s, ctx, notes, nullable, schemaGuess);
  if (type === "object") return objectResult(s, ctx, notes, nullable);
  if (type === "array") return arrayResult(s, ctx, notes, nullable);
  const e = evidence(ctx.name, ctx.parent, ctx.inArray);
  const examples = [...(Array.isArray(s["examples"]) ? s["examples"] : []), ...("default" in s ? [s["default"]] : [])];
  if (Array.isArray(s["enum"])) e.choices = s["enum"].filter((v) => v !== null);
  if (type === "number" || type === "integer") {
    e.numbers = examples.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    e.integer = type === "integer" || undefined;
    const num = (k: string): number | undefined =>
      typeof s[k] === "number" && Number.isFinite(s[k]) ? (s[k] as number) : undefined;
    // An exclusive bound moves in by the smallest step written (1, or 0.01 at 2 decimals).
    const step = type === "integer" ? 1 : 0.01;
    const exMin = num("exclusiveMinimum");
    const exMax = num("exclusiveMaximum");
    e.min = num("minimum") ?? (exMin === undefined ? undefined : exMin + step);
    e.max = num("maximum") ?? (exMax === undefined ? undefined : exMax - step);
    if (e.min !== undefined && e.max !== undefined && !(e.min < e.max)) e.max = e.min + 1;
    const multiple = num("multipleOf");
    if (multiple !== undefined && multiple > 0 && e.choices === undefined) {
      const steps = multiples(multiple, e.min ?? 0, e.max ?? (e.min ?? 0) + 100 * multiple);
      if (steps) return { guess: { t: "leaf", leaf: { gen: "pick", values: steps } }, notes, nullable };
      notes.push(`multipleOf ${multiple} not enforced (more than ${MAX_MULTIPLES} multiples in the range)`);
    }
    const r = inferScalar(e, "number");
    return { guess: r.guess, notes: [...notes, ...(r.comment ? [r.comment] : [])], nullable };
  }
  if (type === "boolean") {
    const r = inferScalar(e, "boolean");
    return { guess: r.guess, notes: [...notes, ...(r.comment ? [r.comment] : [])], nullable };
  }
  if (type !== "string")
    return {
      guess: { t: "const", value: null },
      notes: [...notes, `type ${JSON.stringify(type)} unknown: put a generator here`],
    };
  e.strings = examples.filter((v): v is string => typeof v === "string");
  if (typeof s["format"] === "string") e.format = s["format"];
  const text = textGuess(s, e.choices !== undefined, notes, idLike(ctx.name) && !ctx.inArray);
  if (text) return { guess: text, notes, nullable };
  if (e.format === "date" && e.strings.length === 0) e.strings = ["2024-01-01"];
  const r = inferScalar(e, "string");
  return { guess: r.guess, notes: [...notes, ...(r.comment ? [r.comment] : [])], nullable };
}

/** deviceId, device_id, trailerID, id: names of a field that identifies the device. */
const idLike = (name: string): boolean => /(^|_)id$|[a-z]Id$|ID$/.test(name);

/**
 * The record key: the first id-like top-level field the schema requires and surge draws per
 * device (gen: id fields are the default key already).
 */
function keyOf(fields: readonly GuessField[]): string | undefined {
  for (const f of fields) {
    if (f.guess.t !== "leaf" || !idLike(f.name) || !/^[A-Za-z_]\w*$/.test(f.name)) continue;
    const leaf = f.guess.leaf;
    if (leaf["gen"] === "id") return undefined;
    const perDevice = leaf["per"] === "device" || leaf["gen"] === "uuid";
    if (perDevice && leaf["omit"] === undefined && leaf["nullable"] === undefined) return `{${f.name}}`;
  }
  return undefined;
}

function enumType(values: readonly unknown[]): string {
  const v = values.find((x) => x !== null);
  return typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
}

function constGuess(v: unknown): Guess {
  return { t: "const", value: v };
}

function objectResult(s: Schema, ctx: Ctx, notes: string[], nullable: boolean): Result {
  const props = isObj(s["properties"]) ? s["properties"] : {};
  const required = new Set(
    Array.isArray(s["required"]) ? s["required"].filter((r): r is string => typeof r === "string") : [],
  );
  if (isObj(s["additionalProperties"]) || (s["additionalProperties"] === true && Object.keys(props).length === 0))
    notes.push("additionalProperties not generated");
  const dropped = dependents(s, required, notes);
  const taken = new Set<string>();
  const fields: GuessField[] = [];
  for (const [key, sub] of Object.entries(props)) {
    if (dropped.has(key)) continue;
    const { name, note } = fieldName(key, taken, ctx.depth > 0);
    const inner = schemaGuess(sub, { ...ctx, name: key, parent: ctx.name, depth: ctx.depth + 1 });
    const optional = !required.has(key);
    const guess = withChances(inner.guess, optional ? OPTIONAL_OMIT : 0, inner.nullable ? 0.1 : 0);
    const extra = [
      optional && inner.guess.t === "leaf" ? "optional in the schema" : "",
      inner.nullable && inner.guess.t !== "leaf" ? "may be null in the schema" : "",
    ];
    const comment = [note, ...inner.notes, ...extra].filter(Boolean).join("; ");
    fields.push({ name, guess, ...(comment ? { comment } : {}) });
  }
  if (fields.length === 0 && ctx.depth > 0)
    return { guess: { t: "const", value: {} }, notes: [...notes, "no properties: an empty object"], nullable };
  return { guess: { t: "object", fields }, notes, nullable };
}

function arrayResult(s: Schema, ctx: Ctx, notes: string[], nullable: boolean): Result {
  let items = s["items"];
  if (Array.isArray(s["prefixItems"]) || Array.isArray(items)) {
    const tuple = (Array.isArray(s["prefixItems"]) ? s["prefixItems"] : items) as unknown[];
    notes.push("tuple items: every item follows the first one's schema");
    items = tuple[0];
  }
  const count = (k: string): number | undefined =>
    typeof s[k] === "number" && Number.isInteger(s[k]) && (s[k] as number) >= 0 ? (s[k] as number) : undefined;
  const lo = Math.min(count("minItems") ?? 1, MAX_ARRAY);
  const hi = Math.min(Math.max(lo, count("maxItems") ?? Math.max(lo, 3)), MAX_ARRAY);
  if (items === undefined)
    return { guess: { t: "const", value: [] }, notes: [...notes, "items not described: an empty list"], nullable };
  const inner = schemaGuess(items, { ...ctx, inArray: true, depth: ctx.depth + 1 });
  const guess = withChances(inner.guess, 0, inner.nullable ? 0.1 : 0);
  const distinct = s["uniqueItems"] === true && hi > 1 ? uniqueItems(guess, lo, hi) : { lo, hi };
  if (distinct.note) notes.push(distinct.note);
  const length: number | [number, number] = distinct.lo === distinct.hi ? distinct.lo : [distinct.lo, distinct.hi];
  return {
    guess: { t: "array", items: distinct.items ?? guess, length, ...(distinct.unique ? { unique: true } : {}) },
    notes: [...notes, ...inner.notes.map((n) => `items: ${n}`)],
    nullable,
  };
}
