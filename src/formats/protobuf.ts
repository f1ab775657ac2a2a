/**
 * Protobuf: any .proto (derived by proto-text.ts, or given) + message name + the Shape → the
 * compiled protobufjs type, the Confluent message-index path of that message, and a converter from
 * the parsed JSON record (enum names → numbers, null → absent, times → Timestamp).
 */
import protobuf from "protobufjs";
import { isoEpoch, type Convert } from "./avro.ts";
import { TIMESTAMP, enumValueName, upper } from "./proto-text.ts";
import { join, type Shape } from "./shape.ts";

export interface ProtoBinding {
  type: protobuf.Type;
  fullName: string;
  /** Confluent message indexes: the message's position among its file's (nested) messages. */
  indexes: number[];
  convert: Convert;
}

export function bindProto(
  text: string,
  message: string | undefined,
  shape: Shape,
  source: string,
): ProtoBinding | { problems: string[] } {
  let root: protobuf.Root;
  try {
    const parsed = protobuf.parse(text, { keepCase: true });
    root = parsed.root;
    for (const imp of parsed.imports ?? []) {
      const common =
        protobuf.common.get(imp) ??
        (protobuf.common as unknown as Record<string, protobuf.INamespace | undefined>)[imp];
      if (!common?.nested)
        return { problems: [`${source}: imports ${imp}; only Google's well-known types can be imported`] };
      root.addJSON(common.nested);
    }
    root.resolveAll();
  } catch (error) {
    return { problems: [`${source}: not a valid .proto: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const file = fileMessages(root);
  if (file.tops.length === 0) return { problems: [`${source}: declares no message`] };
  let type: protobuf.Type | undefined;
  if (message === undefined) {
    if (file.tops.length > 1)
      return { problems: [`${source}: declares ${file.tops.map((t) => t.name).join(", ")}; say which with message:`] };
    type = file.tops[0];
  } else {
    try {
      type = root.lookupType(message);
    } catch {
      return { problems: [`${source}: no message ${message}; it declares ${file.tops.map((t) => t.name).join(", ")}`] };
    }
  }
  const t = type as protobuf.Type;
  const problems: string[] = [];
  const convert = bindMessage(t, shape, "", problems);
  if (problems.length > 0) return { problems };
  return {
    type: t,
    fullName: t.fullName.replace(/^\./, ""),
    indexes: indexPath(t, file.ns),
    convert: convert ?? ((v) => v),
  };
}

/** The file's namespace (its package) and its top-level messages in declaration order. */
function fileMessages(root: protobuf.Root): { ns: protobuf.NamespaceBase; tops: protobuf.Type[] } {
  let ns: protobuf.NamespaceBase = root;
  // Descend through the package (namespaces holding only namespaces), skipping google.protobuf.
  for (;;) {
    const children = ns.nestedArray.filter((n) => !(n.fullName === ".google"));
    const only = children.length === 1 ? children[0] : undefined;
    if (only instanceof protobuf.Namespace && !(only instanceof protobuf.Type)) ns = only;
    else break;
  }
  return { ns, tops: ns.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type) };
}

function indexPath(type: protobuf.Type, ns: protobuf.NamespaceBase): number[] {
  const path: number[] = [];
  let t: protobuf.ReflectionObject = type;
  while (t.parent && t !== ns) {
    const parent: protobuf.NamespaceBase = t.parent;
    path.unshift(parent.nestedArray.filter((n) => n instanceof protobuf.Type).indexOf(t as protobuf.Type));
    if (parent === ns) break;
    t = parent;
  }
  return path;
}

function bindMessage(type: protobuf.Type, shape: Shape, path: string, problems: string[]): Convert | undefined {
  if (shape.t !== "record") {
    problems.push(`${path || "(record)"}: the schema has message ${type.name}, the fleet writes a ${shape.t}`);
    return undefined;
  }
  const converters: [string, Convert | undefined][] = [];
  for (const f of shape.fields) {
    const field = type.fields[f.name];
    const fpath = join(path, f.name);
    if (!field) {
      problems.push(`${fpath}: written by the fleet, not a field of message ${type.name}`);
      continue;
    }
    converters.push([f.name, bindField(field, f.shape, fpath, problems)]);
  }
  return (v) => {
    if (v === null || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    for (const [name, c] of converters) {
      const x = o[name];
      o[name] = x === null || x === undefined ? undefined : c ? c(x) : x;
    }
    return o;
  };
}

function bindField(field: protobuf.Field, shape: Shape, path: string, problems: string[]): Convert | undefined {
  if (field.map) {
    const values = shape.t === "map" ? shape.values : undefined;
    if (!values) {
      problems.push(`${path}: the schema has a map, the fleet writes a ${shape.t}`);
      return undefined;
    }
    // proto3 map values cannot be optional, repeated or maps themselves.
    if (shape.t === "map" && (shape.nullable || values.t === "array" || values.t === "map")) {
      const what = shape.nullable ? "null" : values.t === "array" ? "lists" : "maps";
      problems.push(`${path}.*: the fleet writes ${what} as map values, which a Protobuf map cannot hold`);
      return undefined;
    }
    const each = bindSingle(field, values, `${path}.*`, problems);
    return each
      ? (v) => {
          const o = v as Record<string, unknown>;
          for (const k of Object.keys(o)) o[k] = each(o[k]);
          return o;
        }
      : undefined;
  }
  if (field.repeated) {
    if (shape.t !== "array") {
      problems.push(`${path}: the schema has a repeated field, the fleet writes a ${shape.t}`);
      return undefined;
    }
    const item = bindSingle(field, shape.items, `${path}[]`, problems);
    return item ? (v) => (Array.isArray(v) ? v.map(item) : v) : undefined;
  }
  if (shape.t === "array") {
    problems.push(`${path}: the fleet writes an array, the schema's field is not repeated`);
    return undefined;
  }
  return bindSingle(field, shape, path, problems);
}

const INTEGER = new Set([
  "int32",
  "int64",
  "uint32",
  "uint64",
  "sint32",
  "sint64",
  "fixed32",
  "fixed64",
  "sfixed32",
  "sfixed64",
]);

function bindSingle(field: protobuf.Field, shape: Shape, path: string, problems: string[]): Convert | undefined {
  const resolved = field.resolvedType;
  const mismatch = (has: string): undefined => {
    problems.push(`${path}: the schema has ${has}, the fleet writes a ${shape.t}`);
    return undefined;
  };
  if (resolved instanceof protobuf.Enum) {
    if (shape.t !== "enum") return mismatch(`enum ${resolved.name}`);
    const { table, missing } = enumNumbers(resolved, shape.symbols);
    for (const sym of missing)
      problems.push(`${path}: the fleet writes "${sym}", not a value of enum ${resolved.name}`);
    return (v) => table.get(v as string) ?? 0;
  }
  if (resolved instanceof protobuf.Type) {
    if (resolved.fullName === `.${TIMESTAMP}`) {
      if (shape.t !== "timestamp") return mismatch(TIMESTAMP);
      return toTimestamp(shape);
    }
    return bindMessage(resolved, shape, path, problems);
  }
  const t = field.type;
  if (t === "string")
    return shape.t === "string" || shape.t === "enum" || (shape.t === "timestamp" && shape.text)
      ? undefined
      : mismatch("string");
  if (t === "bool") return shape.t === "boolean" ? undefined : mismatch("bool");
  if (t === "double" || t === "float") return shape.t === "double" || shape.t === "long" ? undefined : mismatch(t);
  if (INTEGER.has(t)) {
    if (shape.t === "timestamp") return shape.text ? (v) => isoEpoch(v as string, shape.unit === "micros") : undefined;
    return shape.t === "long" ? undefined : mismatch(t);
  }
  return mismatch(t);
}

/** The number of each symbol in a schema's enum (by name as written, upper case, or prefixed). */
export function enumNumbers(
  e: protobuf.Enum,
  symbols: readonly string[],
): { table: Map<string, number>; missing: string[] } {
  const table = new Map<string, number>();
  const missing: string[] = [];
  const prefix = upper(e.name);
  for (const [i, sym] of symbols.entries()) {
    const candidates = [
      sym,
      sym.toUpperCase(),
      `${prefix}_${sym.toUpperCase()}`,
      enumValueName(prefix, sym, i, symbols),
    ];
    const hit = candidates.find((c) => e.values[c] !== undefined);
    if (hit === undefined) missing.push(sym);
    else table.set(sym, e.values[hit] as number);
  }
  return { table, missing };
}

function toTimestamp(shape: Extract<Shape, { t: "timestamp" }>): Convert {
  const perSecond = shape.unit === "micros" ? 1_000_000 : 1000;
  const nanosPer = 1e9 / perSecond;
  return (v) => {
    const n = typeof v === "string" ? isoEpoch(v, shape.unit === "micros") : (v as number);
    const seconds = Math.floor(n / perSecond);
    return { seconds, nanos: (n - seconds * perSecond) * nanosPer };
  };
}
