/**
 * JSON Schema (draft-07): a Shape → a schema that every record of the fleet satisfies
 * (additionalProperties false, ISO times as date-time, whole numbers as integer), and a check
 * of the fleet's Shape against a given schema, every mismatch by path.
 */
import { join, type Shape } from "./shape.ts";

type Json = Record<string, unknown>;

export function jsonSchemaOf(shape: Shape, title: string): Json {
  return { $schema: "http://json-schema.org/draft-07/schema#", title, ...toJson(shape) };
}

function toJson(s: Shape): Json {
  switch (s.t) {
    case "string":
      return { type: "string" };
    case "null":
      return { type: "null" };
    case "long":
      return { type: "integer" };
    case "double":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { type: "string", enum: s.symbols };
    case "timestamp":
      return s.text ? { type: "string", format: "date-time" } : { type: "integer" };
    case "array":
      return { type: "array", items: toJson(s.items), ...(s.unique ? { uniqueItems: true } : {}) };
    case "map":
      return {
        type: "object",
        ...(s.keys ? { propertyNames: "enum" in s.keys ? { enum: s.keys.enum } : { pattern: s.keys.pattern } } : {}),
        additionalProperties: s.nullable ? { anyOf: [toJson(s.values), { type: "null" }] } : toJson(s.values),
      };
    case "record": {
      const properties: Json = {};
      for (const f of s.fields)
        properties[f.name] = f.nullable ? { anyOf: [toJson(f.shape), { type: "null" }] } : toJson(f.shape);
      return {
        type: "object",
        properties,
        required: s.fields.filter((f) => !f.optional).map((f) => f.name),
        additionalProperties: false,
      };
    }
  }
}

const JSON_TYPES: Record<Shape["t"], string[]> = {
  string: ["string"],
  enum: ["string"],
  long: ["integer", "number"],
  double: ["number"],
  boolean: ["boolean"],
  null: ["null"],
  timestamp: ["string", "integer", "number"],
  array: ["array"],
  map: ["object"],
  record: ["object"],
};

/** Every place where the fleet's records would not fit `schema` (types, required, enums, extra keys). */
export function checkJsonSchema(schema: unknown, shape: Shape): string[] {
  const problems: string[] = [];
  walk(schema, shape, "", problems, false);
  return problems;
}

function walk(raw: unknown, shape: Shape, path: string, problems: string[], nullable: boolean): void {
  if (raw === true || raw === undefined) return;
  const at = path === "" ? "(record)" : path;
  if (raw === false || raw === null || typeof raw !== "object") {
    problems.push(`${at}: the schema allows no value here`);
    return;
  }
  const s = raw as Json;
  const alternatives = (s["anyOf"] ?? s["oneOf"]) as unknown[] | undefined;
  if (Array.isArray(alternatives)) {
    const fits = alternatives.filter((a) => a && typeof a === "object" && (a as Json)["type"] !== "null");
    const nullOk = alternatives.some((a) => a && typeof a === "object" && (a as Json)["type"] === "null");
    if (nullable && !nullOk) problems.push(`${at}: the fleet may write null, the schema does not allow it`);
    if (fits.length === 1) walk(fits[0], shape, path, problems, false);
    return;
  }
  const types = s["type"] === undefined ? undefined : ([] as unknown[]).concat(s["type"]);
  if (types) {
    if (!JSON_TYPES[shape.t].some((t) => types.includes(t)))
      problems.push(
        `${at}: the schema has type ${types.join(" | ")}, the fleet writes a ${shape.t === "long" ? "whole number" : shape.t}`,
      );
    if (nullable && !types.includes("null"))
      problems.push(`${at}: the fleet may write null, the schema does not allow it`);
  }
  if (Array.isArray(s["enum"])) {
    const allowed = new Set((s["enum"] as unknown[]).map((v) => JSON.stringify(v)));
    if (shape.t === "enum")
      for (const sym of shape.symbols) {
        if (!allowed.has(JSON.stringify(sym)))
          problems.push(`${at}: the fleet writes "${sym}", not in the schema's enum`);
      }
    else problems.push(`${at}: the schema allows only ${[...allowed].join(", ")}; the fleet writes any ${shape.t}`);
  }
  if (shape.t === "array" && s["items"] !== undefined && !Array.isArray(s["items"]))
    walk(s["items"], shape.items, `${path}[]`, problems, false);
  if (shape.t === "record") {
    const props = (s["properties"] ?? {}) as Json;
    const required = new Set(Array.isArray(s["required"]) ? (s["required"] as string[]) : []);
    const byName = new Map(shape.fields.map((f) => [f.name, f]));
    for (const name of required) {
      const f = byName.get(name);
      if (!f) problems.push(`${join(path, name)}: required by the schema, the fleet does not write it`);
      else if (f.optional)
        problems.push(`${join(path, name)}: required by the schema, the fleet sometimes leaves it out`);
    }
    for (const f of shape.fields) {
      if (f.name in props) walk(props[f.name], f.shape, join(path, f.name), problems, f.nullable);
      else if (s["additionalProperties"] === false)
        problems.push(`${join(path, f.name)}: written by the fleet, not allowed by the schema`);
    }
  }
  if (shape.t === "map") walkMap(s, shape, path, problems);
}

/** A map's keys against properties / propertyNames, its values against what each key allows. */
function walkMap(s: Json, shape: Extract<Shape, { t: "map" }>, path: string, problems: string[]): void {
  const props = (s["properties"] ?? {}) as Json;
  const extra = s["additionalProperties"];
  const listed = shape.keys && "enum" in shape.keys ? shape.keys.enum : undefined;
  const names = s["propertyNames"] as Json | undefined;
  if (listed && names && typeof names === "object") {
    const pattern = typeof names["pattern"] === "string" ? new RegExp(names["pattern"], "u") : undefined;
    const allowed = Array.isArray(names["enum"]) ? new Set(names["enum"] as unknown[]) : undefined;
    for (const k of listed)
      if ((pattern && !pattern.test(k)) || (allowed && !allowed.has(k)))
        problems.push(`${join(path, k)}: a key the fleet writes, not allowed by the schema's propertyNames`);
  }
  if (listed) {
    for (const k of listed) {
      if (k in props) walk(props[k], shape.values, join(path, k), problems, shape.nullable === true);
      else if (extra === false) problems.push(`${join(path, k)}: written by the fleet, not allowed by the schema`);
      else walk(extra, shape.values, join(path, k), problems, shape.nullable === true);
    }
    return;
  }
  // Keys drawn from a pattern fit the schema's patternProperties of the same pattern.
  const own = shape.keys && "pattern" in shape.keys ? shape.keys.pattern : undefined;
  const patterns = (s["patternProperties"] ?? {}) as Json;
  if (own !== undefined && own in patterns)
    walk(patterns[own], shape.values, `${path}.*`, problems, shape.nullable === true);
  else if (extra === false)
    problems.push(`${path}: the fleet writes any keys here, the schema allows only its properties`);
  else walk(extra, shape.values, `${path}.*`, problems, shape.nullable === true);
}
