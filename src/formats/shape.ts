/**
 * The value type of one topic's records, independent of any format: derived from the declared
 * tree (derive.ts) or read from sampled JSON, then written as an Avro, Protobuf or JSON Schema.
 */

export type Shape =
  | { t: "string" }
  | { t: "long" }
  | { t: "double" }
  | { t: "boolean" }
  | { t: "null" }
  /** A string known to take only these values (valid Avro names). */
  | { t: "enum"; symbols: string[] }
  /** Event time: `text` = ISO-8601 text in the JSON (converted to a number for binary formats). */
  | { t: "timestamp"; unit: "millis" | "micros"; text: boolean }
  /** `unique`: items are distinct (JSON Schema's uniqueItems). */
  | { t: "array"; items: Shape; unique?: boolean }
  /** `shared`: made by a generator of ready-made objects (one object per product, location). */
  | { t: "record"; fields: ShapeField[]; shared?: boolean }
  /** String keys → values of one shape (objects whose keys vary from record to record). */
  | { t: "map"; values: Shape; keys?: MapKeys; nullable?: boolean };

/** What a map's keys are known to be (JSON Schema's propertyNames). */
export type MapKeys = { enum: string[] } | { pattern: string };

export interface ShapeField {
  name: string;
  shape: Shape;
  /** The key may be missing from the JSON (omit, or absent in some kinds' records). */
  optional: boolean;
  /** The value may be JSON null. */
  nullable: boolean;
}

/** Field names every format accepts (Avro's rule, which Protobuf's and JSON's include). */
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Two shapes of the same place (two kinds writing one topic) → one shape both fit, or a problem. */
export function mergeShapes(a: Shape, b: Shape, path: string): Shape | { problem: string } {
  if (a.t === "null") return b;
  if (b.t === "null") return a;
  if (a.t === b.t) {
    switch (a.t) {
      case "enum": {
        const symbols = [...new Set([...a.symbols, ...(b as typeof a).symbols])];
        return { t: "enum", symbols };
      }
      case "timestamp": {
        const o = b as typeof a;
        return o.unit === a.unit && o.text === a.text
          ? a
          : { problem: `${path}: written as different timestamp formats by different kinds` };
      }
      case "array": {
        const o = b as typeof a;
        const items = mergeShapes(a.items, o.items, `${path}[]`);
        const unique = a.unique === true && o.unique === true;
        return "problem" in items ? items : { t: "array", items, ...(unique ? { unique } : {}) };
      }
      case "map": {
        const o = b as typeof a;
        const values = mergeShapes(a.values, o.values, `${path}.*`);
        // Keys stay known only when both say the same.
        const keys = JSON.stringify(a.keys) === JSON.stringify(o.keys) ? a.keys : undefined;
        if ("problem" in values) return values;
        const nullable = a.nullable === true || o.nullable === true;
        return { t: "map", values, ...(keys ? { keys } : {}), ...(nullable ? { nullable } : {}) };
      }
      case "record": {
        const merged = mergeRecords(a.fields, (b as typeof a).fields, path);
        if ("problem" in merged || merged.t !== "record" || !(a.shared && (b as typeof a).shared)) return merged;
        return { ...merged, shared: true };
      }
      default:
        return a;
    }
  }
  const kinds = new Set([a.t, b.t]);
  if (kinds.size === 2 && kinds.has("long") && kinds.has("double")) return { t: "double" };
  if (kinds.size === 2 && kinds.has("string") && kinds.has("enum")) return { t: "string" };
  return {
    problem: `${path}: is a ${describe(a)} in some records and a ${describe(b)} in others; one topic needs one type per field`,
  };
}

function mergeRecords(a: readonly ShapeField[], b: readonly ShapeField[], path: string): Shape | { problem: string } {
  const fields: ShapeField[] = [];
  const byName = new Map(b.map((f) => [f.name, f]));
  for (const f of a) {
    const other = byName.get(f.name);
    if (!other) {
      fields.push({ ...f, optional: true });
      continue;
    }
    const shape = mergeShapes(f.shape, other.shape, join(path, f.name));
    if ("problem" in shape) return shape;
    fields.push({
      name: f.name,
      shape,
      optional: f.optional || other.optional,
      nullable: f.nullable || other.nullable,
    });
  }
  const names = new Set(a.map((f) => f.name));
  for (const f of b) if (!names.has(f.name)) fields.push({ ...f, optional: true });
  return { t: "record", fields };
}

export function describe(s: Shape): string {
  switch (s.t) {
    case "long":
      return "whole number";
    case "double":
      return "number";
    case "enum":
      return "string";
    case "timestamp":
      return s.text ? "timestamp text" : "epoch timestamp";
    default:
      return s.t;
  }
}

export function join(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

/** The shape of sampled JSON values (for generators that write ready-made JSON objects). */
export function shapeOfValues(values: readonly unknown[], path: string): Shape | { problem: string } {
  let shape: Shape | undefined;
  for (const v of values) {
    const next = shapeOfValue(v, path);
    if ("problem" in next) return next;
    if (!shape) {
      shape = next;
      continue;
    }
    const merged = mergeShapes(shape, next, path);
    if ("problem" in merged) return merged;
    shape = merged;
  }
  return shape ?? { problem: `${path}: no sampled value to learn its type from` };
}

function shapeOfValue(v: unknown, path: string): Shape | { problem: string } {
  if (v === null) return { t: "null" };
  if (typeof v === "string") return { t: "string" };
  if (typeof v === "boolean") return { t: "boolean" };
  if (typeof v === "number") return Number.isInteger(v) ? { t: "long" } : { t: "double" };
  if (Array.isArray(v)) {
    const items = v.length === 0 ? ({ t: "null" } as Shape) : shapeOfValues(v, `${path}[]`);
    return "problem" in items ? items : { t: "array", items };
  }
  if (typeof v === "object") {
    const fields: ShapeField[] = [];
    for (const [name, value] of Object.entries(v as Record<string, unknown>)) {
      const shape = shapeOfValue(value, join(path, name));
      if ("problem" in shape) return shape;
      fields.push({ name, shape, optional: false, nullable: value === null });
    }
    return { t: "record", fields };
  }
  return { problem: `${path}: cannot type the value ${String(v)}` };
}

/** Null-only places (a field always null, an always-empty array) become strings. */
export function settle(s: Shape): Shape {
  switch (s.t) {
    case "null":
      return { t: "string" };
    case "array":
      return { ...s, items: settle(s.items) };
    case "map":
      return { ...s, values: settle(s.values) };
    case "record":
      return {
        ...s,
        fields: s.fields.map((f) => ({ ...f, nullable: f.nullable || f.shape.t === "null", shape: settle(f.shape) })),
      };
    default:
      return s;
  }
}
