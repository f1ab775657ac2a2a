/**
 * `surge init --from-schema`: an Avro (.avsc) or Protobuf (.proto) schema → the JSON Schema of
 * the same records, so the JSON Schema starter (src/authoring/from-schema.ts) builds the fleet.
 * Times become date-time strings (the derived schema makes them timestamps again).
 */
import protobuf from "protobufjs";

type Json = Record<string, unknown>;

export function avscToJsonSchema(text: string, source: string): Json | { problem: string } {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    return { problem: `${source}: not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const named = new Map<string, Json>();
  const out = avro(schema, named);
  return out.type === "object"
    ? { $schema: "http://json-schema.org/draft-07/schema#", ...out }
    : { problem: `${source}: the schema must be an Avro record` };
}

function avro(s: unknown, named: Map<string, Json>): Json {
  if (typeof s === "string") {
    switch (s) {
      case "string":
      case "bytes":
        return { type: "string" };
      case "int":
      case "long":
        return { type: "integer" };
      case "float":
      case "double":
        return { type: "number" };
      case "boolean":
        return { type: "boolean" };
      case "null":
        return { type: "null" };
      default:
        return named.get(s) ?? named.get(s.split(".").at(-1) ?? s) ?? { type: "string" };
    }
  }
  if (Array.isArray(s)) {
    const others = s.filter((b) => b !== "null");
    return others.length === 1 ? avro(others[0], named) : { type: "string" };
  }
  if (!s || typeof s !== "object") return { type: "string" };
  const o = s as Json;
  const logical = o["logicalType"];
  if (logical === "timestamp-millis" || logical === "timestamp-micros" || logical === "local-timestamp-millis")
    return { type: "string", format: "date-time" };
  const remember = (schema: Json): Json => {
    if (typeof o["name"] === "string") {
      named.set(o["name"], schema);
      if (typeof o["namespace"] === "string") named.set(`${o["namespace"]}.${o["name"]}`, schema);
    }
    return schema;
  };
  switch (o["type"]) {
    case "record": {
      const properties: Json = {};
      const required: string[] = [];
      const schema: Json = { type: "object", properties, required };
      remember(schema);
      for (const f of (o["fields"] as Json[] | undefined) ?? []) {
        const name = String(f["name"]);
        properties[name] = avro(f["type"], named);
        const nullable = Array.isArray(f["type"]) && (f["type"] as unknown[]).includes("null");
        if (!nullable) required.push(name);
      }
      return schema;
    }
    case "enum":
      return remember({ type: "string", enum: o["symbols"] });
    case "array":
      return { type: "array", items: avro(o["items"], named), minItems: 1, maxItems: 3 };
    case "map":
      return { type: "object", additionalProperties: avro(o["values"], named) };
    case "fixed":
      return remember({ type: "string" });
    default:
      return avro(o["type"], named);
  }
}

export function protoToJsonSchema(
  text: string,
  message: string | undefined,
  source: string,
): Json | { problem: string } {
  let root: protobuf.Root;
  try {
    const parsed = protobuf.parse(text, { keepCase: true });
    root = parsed.root;
    for (const imp of parsed.imports ?? []) {
      const common = protobuf.common.get(imp);
      if (common?.nested) root.addJSON(common.nested);
    }
    root.resolveAll();
  } catch (error) {
    return { problem: `${source}: not a valid .proto: ${error instanceof Error ? error.message : String(error)}` };
  }
  const types: protobuf.Type[] = [];
  const walk = (ns: protobuf.NamespaceBase): void => {
    for (const n of ns.nestedArray) {
      if (n instanceof protobuf.Type && !n.fullName.startsWith(".google.")) types.push(n);
      else if (n instanceof protobuf.Namespace && !n.fullName.startsWith(".google")) walk(n);
    }
  };
  walk(root);
  const top = types.filter((t) => !(t.parent instanceof protobuf.Type));
  // Without a name, the file's first message (Confluent's message [0]).
  const chosen = message === undefined ? top[0] : types.find((t) => t.fullName === `.${message}` || t.name === message);
  if (!chosen)
    return { problem: `${source}: ${message === undefined ? "declares no message" : `no message ${message}`}` };
  return { $schema: "http://json-schema.org/draft-07/schema#", ...proto(chosen, 0) };
}

function proto(t: protobuf.Type, depth: number): Json {
  const properties: Json = {};
  const required: string[] = [];
  for (const f of t.fieldsArray) {
    const one = protoField(f, depth);
    properties[f.name] = f.repeated
      ? { type: "array", items: one, minItems: 1, maxItems: 3 }
      : f.map
        ? { type: "object", additionalProperties: one }
        : one;
    if (!f.options?.["proto3_optional"] && !f.partOf) required.push(f.name);
  }
  return { type: "object", properties, required };
}

function protoField(f: protobuf.Field, depth: number): Json {
  const r = f.resolvedType;
  if (r instanceof protobuf.Enum)
    return {
      type: "string",
      enum: Object.keys(r.values).filter((k) => r.values[k] !== 0 || !/UNSPECIFIED|UNKNOWN/.test(k)),
    };
  if (r instanceof protobuf.Type) {
    if (r.fullName === ".google.protobuf.Timestamp") return { type: "string", format: "date-time" };
    return depth > 10 ? { type: "object" } : proto(r, depth + 1);
  }
  switch (f.type) {
    case "string":
    case "bytes":
      return { type: "string" };
    case "bool":
      return { type: "boolean" };
    case "double":
    case "float":
      return { type: "number" };
    default:
      return { type: "integer" };
  }
}
