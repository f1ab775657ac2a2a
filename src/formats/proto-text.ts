/**
 * A Shape → .proto text (proto3): nested messages and enums inside the top message, timestamps as
 * google.protobuf.Timestamp, enum values prefixed with their enum's name in upper case.
 */
import { NameBook, pascal } from "./names.ts";
import type { Shape } from "./shape.ts";

export const TIMESTAMP = "google.protobuf.Timestamp";

export function protoTextOf(shape: Shape, name: string, pkg: string): string {
  const lines: string[] = [];
  const usesTime = JSON.stringify(shape).includes('"timestamp"');
  const book = new NameBook([name]);
  const body = shape.t === "record" ? messageBody(shape, name, book, "  ") : [];
  lines.push('syntax = "proto3";', "", `package ${pkg};`, "");
  if (usesTime) lines.push('import "google/protobuf/timestamp.proto";', "");
  lines.push(`message ${name} {`, ...body, "}", "");
  return lines.join("\n");
}

function messageBody(shape: Extract<Shape, { t: "record" }>, name: string, book: NameBook, indent: string): string[] {
  const out: string[] = [];
  const nested: string[] = [];
  shape.fields.forEach((f, i) => {
    const typeName = fieldType(f.shape, `${name}_${f.name}`, f.name, book, nested, indent);
    const scalar = !["array", "map", "record"].includes(f.shape.t) && f.shape.t !== "timestamp";
    const label = f.shape.t === "array" ? "repeated " : scalar && (f.optional || f.nullable) ? "optional " : "";
    out.push(`${indent}${label}${typeName} ${f.name} = ${i + 1};`);
  });
  return [...out, ...nested];
}

function fieldType(s: Shape, scope: string, field: string, book: NameBook, nested: string[], indent: string): string {
  switch (s.t) {
    case "string":
    case "null":
      return "string";
    case "long":
      return "int64";
    case "double":
      return "double";
    case "boolean":
      return "bool";
    case "timestamp":
      return TIMESTAMP;
    case "enum": {
      const name = book.take(pascal(field));
      const prefix = upper(name);
      const values = [
        `${indent}  ${prefix}_UNSPECIFIED = 0;`,
        ...s.symbols.map((sym, i) => `${indent}  ${enumValueName(prefix, sym, i, s.symbols)} = ${i + 1};`),
      ];
      nested.push(`${indent}enum ${name} {`, ...values, `${indent}}`);
      return name;
    }
    case "array":
      return fieldType(s.items, `${scope}Item`, `${field}_item`, book, nested, indent);
    case "map":
      return `map<string, ${fieldType(s.values, `${scope}Value`, `${field}_value`, book, nested, indent)}>`;
    case "record": {
      const name = book.take(pascal(field));
      nested.push(`${indent}message ${name} {`, ...messageBody(s, name, book, `${indent}  `), `${indent}}`);
      return name;
    }
  }
}

export const upper = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

/** STATUS_NORMAL for "normal"; symbols equal in upper case get their position appended. */
export function enumValueName(prefix: string, symbol: string, index: number, all: readonly string[]): string {
  const clash = all.some((other, j) => j !== index && other.toUpperCase() === symbol.toUpperCase());
  return `${prefix}_${symbol.toUpperCase()}${clash ? `_${index + 1}` : ""}`;
}
