/**
 * Avro: a Shape → an .avsc schema; any record schema (derived or given) + the Shape → a compiled
 * avsc type and a converter from the parsed JSON record (ISO timestamps become epoch numbers), with
 * every place where the declared tree does not fit the schema named by path.
 */
import avro from "avsc";
import { join, type Shape } from "./shape.ts";
import { NameBook, pascal } from "./names.ts";

type AvroSchema = string | Record<string, unknown> | AvroSchema[];

/** The .avsc of a shape; the top record is `namespace.name`. */
export function avroSchemaOf(shape: Shape, name: string, namespace: string): Record<string, unknown> {
  const book = new NameBook([name]);
  const top = toAvro(shape, name, book, "");
  return typeof top === "object" && !Array.isArray(top)
    ? { ...top, namespace }
    : { type: "record", name, namespace, fields: [] };
}

function toAvro(s: Shape, name: string, book: NameBook, path: string): AvroSchema {
  switch (s.t) {
    case "string":
    case "long":
    case "double":
    case "boolean":
    case "null":
      return s.t;
    case "enum":
      return { type: "enum", name: book.take(`${pascal(name)}Enum`), symbols: s.symbols };
    case "timestamp":
      return { type: "long", logicalType: s.unit === "micros" ? "timestamp-micros" : "timestamp-millis" };
    case "array":
      return { type: "array", items: toAvro(s.items, `${name}Item`, book, `${path}[]`) };
    case "map": {
      const values = toAvro(s.values, `${name}Value`, book, `${path}.*`);
      return { type: "map", values: s.nullable ? ["null", values] : values };
    }
    case "record": {
      const recordName = path === "" ? name : book.take(pascal(name));
      return {
        type: "record",
        name: recordName,
        fields: s.fields.map((f) => {
          const type = toAvro(f.shape, path === "" ? f.name : `${name}_${f.name}`, book, join(path, f.name));
          return f.optional || f.nullable
            ? { name: f.name, type: ["null", type], default: null }
            : { name: f.name, type };
        }),
      };
    }
  }
}

interface Union {
  types: avro.Type[];
}

/** Timestamps stay epoch numbers in JS; the logical type only has to be known (and kept). */
class EpochTime extends avro.types.LogicalType {
  override _fromValue(v: unknown): unknown {
    return v;
  }
  override _toValue(v: unknown): unknown {
    return v;
  }
}
const LOGICAL = { "timestamp-millis": EpochTime, "timestamp-micros": EpochTime } as unknown as Record<
  string,
  new (schema: avro.Schema, opts?: unknown) => avro.types.LogicalType
>;

export type Convert = (v: unknown) => unknown;

/** The compiled type, its full name and the converter (undefined: records go to avsc as parsed). */
export interface AvroBinding {
  type: avro.Type;
  fullName: string;
  convert: Convert | undefined;
  /**
   * The fleet's values (timestamps as epoch numbers in the fleet's unit) are what the type takes,
   * so the value path can skip the JSON text; false when a time is kept as text or changes unit.
   */
  takesValues: boolean;
}

export function bindAvro(schema: unknown, shape: Shape, source: string): AvroBinding | { problems: string[] } {
  let type: avro.Type;
  try {
    type = avro.Type.forSchema(schema as avro.Schema, { wrapUnions: false, logicalTypes: LOGICAL });
  } catch (error) {
    return {
      problems: [`${source}: not a valid Avro schema: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  if (!(type instanceof avro.types.RecordType))
    return { problems: [`${source}: the schema must be an Avro record, not ${type.typeName}`] };
  const problems: string[] = [];
  const values = { ok: true };
  const convert = bind(type, shape, "", problems, values);
  return problems.length > 0
    ? { problems }
    : { type, fullName: type.name ?? "record", convert, takesValues: values.ok };
}

const ISO_TIME =
  (micros: boolean): Convert =>
  (v) =>
    typeof v === "string" ? isoEpoch(v, micros) : v;

/** Epoch ms (or µs) of ISO-8601 text with any fraction digits and zone. */
export function isoEpoch(text: string, micros: boolean): number {
  const ms = Date.parse(text);
  if (!micros) return ms;
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? "";
  return ms * 1000 + Number(fraction.slice(3, 6).padEnd(3, "0"));
}

/** Checks `shape` against the Avro type at `path`; returns a converter when values need one. */
function bind(
  outer: avro.Type,
  shape: Shape,
  path: string,
  problems: string[],
  values: { ok: boolean },
): Convert | undefined {
  const at = path === "" ? "(record)" : path;
  const logical = outer.typeName.startsWith("logical:") ? outer.typeName.slice(8) : undefined;
  const type = logical ? (outer as unknown as { underlyingType: avro.Type }).underlyingType : outer;
  switch (type.typeName) {
    case "string":
      if (shape.t === "timestamp") values.ok = false;
      if (shape.t !== "string" && shape.t !== "enum" && !(shape.t === "timestamp" && shape.text))
        problems.push(`${at}: the schema has string, the fleet writes a ${shape.t}`);
      return undefined;
    case "boolean":
      if (shape.t !== "boolean") problems.push(`${at}: the schema has boolean, the fleet writes a ${shape.t}`);
      return undefined;
    case "int":
    case "long": {
      if (shape.t === "timestamp") {
        const micros = logical === "timestamp-micros" || (logical === undefined && shape.unit === "micros");
        if (shape.text && micros !== (shape.unit === "micros")) values.ok = false;
        return shape.text ? ISO_TIME(micros) : undefined;
      }
      if (shape.t !== "long")
        problems.push(
          `${at}: the schema has ${type.typeName}, the fleet writes a ${shape.t === "double" ? "number with decimals" : shape.t}`,
        );
      return undefined;
    }
    case "float":
    case "double":
      if (shape.t !== "double" && shape.t !== "long")
        problems.push(`${at}: the schema has ${type.typeName}, the fleet writes a ${shape.t}`);
      return undefined;
    case "enum": {
      const symbols = new Set((type as avro.types.EnumType).symbols);
      if (shape.t !== "enum")
        problems.push(`${at}: the schema has an enum, the fleet writes a ${shape.t} (not one of known values)`);
      else
        for (const s of shape.symbols)
          if (!symbols.has(s)) problems.push(`${at}: the fleet writes "${s}", not a symbol of the schema's enum`);
      return undefined;
    }
    case "array": {
      if (shape.t !== "array") {
        problems.push(`${at}: the schema has an array, the fleet writes a ${shape.t}`);
        return undefined;
      }
      const item = bind((type as avro.types.ArrayType).itemsType, shape.items, `${path}[]`, problems, values);
      return item ? (v) => (Array.isArray(v) ? v.map(item) : v) : undefined;
    }
    case "map": {
      const valueShape = shape.t === "map" ? shape.values : shape.t === "record" ? shape.fields[0]?.shape : undefined;
      // A record's left-out keys are undefined in the value path, which a map would write.
      if (shape.t === "record") values.ok = false;
      if (!valueShape) {
        problems.push(`${at}: the schema has a map, the fleet writes a ${shape.t}`);
        return undefined;
      }
      const valuesType = (type as avro.types.MapType).valuesType;
      if (
        shape.t === "map" &&
        shape.nullable &&
        !(
          valuesType.typeName.startsWith("union") &&
          (valuesType as unknown as Union).types.some((b) => b.typeName === "null")
        )
      )
        problems.push(`${path}.*: the fleet may write null, the schema's map values need ["null", ...]`);
      const each = bind(valuesType, valueShape, `${path}.*`, problems, values);
      return each ? (v) => mapValues(v, each) : undefined;
    }
    case "union:unwrapped":
    case "union:wrapped": {
      const branches = (type as unknown as Union).types;
      const nonNull = branches.filter((b) => b.typeName !== "null");
      if (nonNull.length !== 1) {
        problems.push(`${at}: unions other than [null, X] are not supported`);
        return undefined;
      }
      const inner = bind(nonNull[0] as avro.Type, shape, path, problems, values);
      return inner ? (v) => (v === null || v === undefined ? null : inner(v)) : undefined;
    }
    case "record":
    case "error": {
      if (shape.t !== "record") {
        problems.push(`${at}: the schema has a record, the fleet writes a ${shape.t}`);
        return undefined;
      }
      const fields = (type as avro.types.RecordType).fields;
      const byName = new Map(shape.fields.map((f) => [f.name, f]));
      const converters: [string, Convert][] = [];
      for (const f of fields) {
        const mine = byName.get(f.name);
        const fpath = join(path, f.name);
        const nullable =
          f.type.typeName.startsWith("union") && (f.type as unknown as Union).types.some((b) => b.typeName === "null");
        if (!mine) {
          if (f.defaultValue() === undefined && !nullable)
            problems.push(`${fpath}: required by the schema, the fleet does not write it`);
          continue;
        }
        if ((mine.optional || mine.nullable) && !nullable && f.defaultValue() === undefined)
          problems.push(`${fpath}: the fleet may leave it out or write null; the schema needs ["null", ...]`);
        const c = bind(f.type, mine.shape, fpath, problems, values);
        if (c) converters.push([f.name, c]);
      }
      const known = new Set(fields.map((f) => f.name));
      for (const f of shape.fields)
        if (!known.has(f.name)) problems.push(`${join(path, f.name)}: written by the fleet, not in the schema`);
      if (converters.length === 0) return undefined;
      return (v) => {
        if (v === null || typeof v !== "object") return v;
        const o = v as Record<string, unknown>;
        for (const [name, c] of converters) if (o[name] !== undefined) o[name] = c(o[name]);
        return o;
      };
    }
    default:
      problems.push(`${at}: Avro type ${type.typeName} is not supported`);
      return undefined;
  }
}

function mapValues(v: unknown, each: Convert): unknown {
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) o[k] = each(o[k]);
  return o;
}
