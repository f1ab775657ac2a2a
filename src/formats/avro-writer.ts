/**
 * A record's value (the declared fleet's value path) → Avro binary, by code generated once per
 * topic from the compiled avsc type: no Tap per record, short ASCII strings copied by hand, and
 * the same bytes as avsc's own encoding (test/unit/formats/value-path.test.ts checks it).
 */
import type avro from "avsc";
import type { ByteWriter } from "./byte-writer.ts";
import { keptFunction, lookupCode } from "./writer-code.ts";

export type AvroWrite = (value: unknown, w: ByteWriter) => void;

class Unsupported extends Error {}

/** The writer, or why it cannot serve this type (avsc then writes the value). */
export function avroWriter(type: avro.Type): AvroWrite | { unsupported: string } {
  const gen = new Gen();
  try {
    const top = gen.fn(type);
    const source = `"use strict";\n${gen.lines.join("\n")}\nreturn ${top};`;
    return new Function("T", "bad", source)(gen.tables, bad) as AvroWrite;
  } catch (error) {
    if (error instanceof Unsupported) return { unsupported: error.message };
    throw error;
  }
}

function bad(type: string, value: unknown): never {
  throw new Error(`invalid ${type}: ${JSON.stringify(value)}`);
}

type Named = avro.Type & { name?: string };

class Gen {
  readonly lines: string[] = [];
  readonly tables: unknown[] = [];
  private next = 0;
  /** One function per named type (records may nest the same type). */
  private readonly named = new Map<string, string>();

  private table(value: unknown): string {
    this.tables.push(value);
    return `T[${this.tables.length - 1}]`;
  }

  /** A function (v, w) writing one value of `type`; returns its name. */
  fn(type: avro.Type): string {
    const key = (type as Named).name;
    const known = key ? this.named.get(key) : undefined;
    if (known) return known;
    const name = `w${this.next++}`;
    if (key) this.named.set(key, name);
    const body = this.write(type, "v");
    this.lines.push(
      type.typeName === "record"
        ? keptFunction(name, body, this.table(new WeakMap()))
        : `function ${name}(v, w) {\n${body}\n}`,
    );
    return name;
  }

  /** Statements writing the value `x` of `type`. */
  private write(type: avro.Type, x: string): string {
    const name = type.typeName;
    if (name.startsWith("logical:"))
      return this.write((type as unknown as { underlyingType: avro.Type }).underlyingType, x);
    switch (name) {
      case "null":
        return "";
      case "boolean":
        return `w.byte(${x} ? 1 : 0);`;
      case "int":
      case "long":
        return `if (!Number.isInteger(${x})) bad("${name}", ${x}); w.long(${x});`;
      case "float":
        return `w.float(${x});`;
      case "double":
        return `w.double(${x});`;
      case "string":
        return `if (typeof ${x} !== "string") bad("string", ${x}); w.avroString(${x});`;
      case "enum": {
        const symbols = new Map((type as avro.types.EnumType).symbols.map((s, i) => [s, i]));
        const index = lookupCode(symbols, x, () => this.table(symbols), "-1");
        return `{ const i = ${index}; if (i < 0) bad("enum", ${x}); w.long(i); }`;
      }
      case "array": {
        const item = this.fn((type as avro.types.ArrayType).itemsType);
        return `{ const n = ${x}.length; if (n > 0) { w.long(n); for (let i = 0; i < n; i++) ${item}(${x}[i], w); } w.byte(0); }`;
      }
      case "map": {
        const each = this.fn((type as avro.types.MapType).valuesType);
        // for-in over the value's own keys (plain objects): no key array per record.
        return `{ let n = 0; for (const k in ${x}) n++; if (n > 0) { w.long(n); for (const k in ${x}) { w.avroString(k); ${each}(${x}[k], w); } } w.byte(0); }`;
      }
      case "union:unwrapped":
      case "union:wrapped": {
        const branches = (type as unknown as { types: avro.Type[] }).types;
        const nulls = branches.findIndex((b) => b.typeName === "null");
        const other = branches.findIndex((b) => b.typeName !== "null");
        if (branches.length !== 2 || nulls < 0 || name === "union:wrapped")
          throw new Unsupported("unions other than [null, X]");
        const inner = this.fn(branches[other] as avro.Type);
        return `if (${x} === null) w.byte(${nulls << 1}); else { w.byte(${other << 1}); ${inner}(${x}, w); }`;
      }
      case "record":
      case "error": {
        if (x !== "v") return `${this.fn(type)}(${x}, w);`;
        const out: string[] = [];
        for (const [i, f] of (type as avro.types.RecordType).fields.entries()) {
          const x = `v${i}`;
          const write = this.write(f.type, x);
          const fallback = f.defaultValue();
          out.push(`const ${x} = v[${JSON.stringify(f.name)}];`);
          // A field left out takes its default, as avsc writes it.
          out.push(
            fallback === undefined
              ? write
              : `if (${x} === undefined) w.raw(${this.table(f.type.toBuffer(fallback))}); else { ${write} }`,
          );
        }
        return out.join("\n");
      }
      default:
        throw new Unsupported(`Avro type ${name}`);
    }
  }
}
