/**
 * A record's value (the declared fleet's value path: numbers, objects, enum names, timestamps as
 * epoch numbers) → Protobuf bytes, by code generated once per topic from the bound message and
 * the topic's Shape: fields in number order, proto3's implicit defaults left out, the same bytes
 * protobufjs writes for the converted record (test/unit/formats/value-path.test.ts checks it).
 */
import protobuf from "protobufjs";
import type { ByteWriter } from "./byte-writer.ts";
import { keptDelimited, lookupCode } from "./writer-code.ts";
import { enumNumbers } from "./protobuf.ts";
import type { Shape } from "./shape.ts";

export type ProtoWrite = (value: unknown, w: ByteWriter) => void;

const TIMESTAMP = ".google.protobuf.Timestamp";
/** Wire type of each scalar; `packed` ones may be packed when repeated. */
const WIRE: Record<string, number> = {
  double: 1,
  float: 5,
  int32: 0,
  uint32: 0,
  sint32: 0,
  fixed32: 5,
  sfixed32: 5,
  int64: 0,
  uint64: 0,
  sint64: 0,
  fixed64: 1,
  sfixed64: 1,
  bool: 0,
  string: 2,
};
/** Writer method of each scalar type. */
const METHOD: Record<string, string> = {
  uint64: "int64",
  sfixed32: "fixed32",
  sfixed64: "fixed64",
};

class Unsupported extends Error {}

/** The writer, or why the value path cannot serve this message (the JSON path then does). */
export function protoWriter(type: protobuf.Type, shape: Shape): ProtoWrite | { unsupported: string } {
  const gen = new Gen();
  try {
    const top = gen.message(type, shape, "(record)");
    const source = `"use strict";\n${gen.lines.join("\n")}\nreturn ${top};`;
    return new Function("T", source)(gen.tables) as ProtoWrite;
  } catch (error) {
    if (error instanceof Unsupported) return { unsupported: error.message };
    throw error;
  }
}

class Gen {
  readonly lines: string[] = [];
  readonly tables: unknown[] = [];
  private next = 0;

  private local(prefix: string): string {
    return `${prefix}${this.next++}`;
  }

  /** A function (o, w) writing the fields of `shape` that `type` has; returns its name. */
  message(type: protobuf.Type, shape: Shape, path: string): string {
    if (shape.t !== "record") throw new Unsupported(`${path}: message ${type.name} from a ${shape.t}`);
    const name = this.local("m");
    const byName = new Map(shape.fields.map((f) => [f.name, f.shape]));
    const body: string[] = [];
    for (const field of [...type.fieldsArray].sort((a, b) => a.id - b.id)) {
      const s = byName.get(field.name);
      if (!s) continue;
      const x = this.local("x");
      body.push(
        `const ${x} = o[${JSON.stringify(field.name)}];`,
        this.field(field.resolve(), s, x, `${path}.${field.name}`),
      );
    }
    this.lines.push(`function ${name}(v, w) {\nconst o = v;\n${body.join("\n")}\n}`);
    return name;
  }

  /** A function (o, w) writing the message with its length in front; returns its name. */
  private delimited(type: protobuf.Type, shape: Shape, path: string): string {
    const plain = type.fullName === TIMESTAMP ? this.timestamp(type, shape, path) : this.message(type, shape, path);
    const name = `${plain}d`;
    // Only objects a generator shares between records can be frozen (values.ts): their bytes are kept.
    if (shape.t === "record" && shape.shared) {
      this.tables.push(new WeakMap());
      this.lines.push(keptDelimited(name, plain, `T[${this.tables.length - 1}]`));
    } else this.lines.push(`function ${name}(v, w) { const s = w.fork(); ${plain}(v, w); w.ldelim(s); }`);
    return name;
  }

  private field(field: protobuf.Field, shape: Shape, x: string, path: string): string {
    if (field.map) {
      const keyType = (field as unknown as protobuf.MapField).keyType;
      if (keyType !== "string" || shape.t !== "map") throw new Unsupported(`${path}: map<${keyType}, ...>`);
      const k = this.local("k");
      const value = this.single(field, shape.values, `${x}[${k}]`, path, 2);
      // for-in: no key array per record.
      return `if (${x} != null) for (const ${k} in ${x}) { ${tag(field.id, 2)} const s = w.fork(); w.byte(10); w.string(${k}); ${value} w.ldelim(s); }`;
    }
    if (field.repeated) {
      if (shape.t !== "array") throw new Unsupported(`${path}: repeated from a ${shape.t}`);
      const i = this.local("i");
      const item = `${x}[${i}]`;
      if (field.packed && this.packable(field)) {
        const write = this.scalar(field, shape.items, item, path);
        return `if (${x} != null && ${x}.length) { ${tag(field.id, 2)} const s = w.fork(); for (let ${i} = 0; ${i} < ${x}.length; ${i}++) { ${write} } w.ldelim(s); }`;
      }
      const write = this.single(field, shape.items, item, path, field.id);
      return `if (${x} != null && ${x}.length) for (let ${i} = 0; ${i} < ${x}.length; ${i}++) { ${write} }`;
    }
    // proto3 fields without presence leave their default value out, as protobufjs does.
    const implicit = !field.required && !field.hasPresence;
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Enum) {
      const n = this.local("e");
      const write = `${tag(field.id, 0)} w.int32(${n});`;
      const skip = implicit ? `if (${n} !== ${JSON.stringify(field.typeDefault)}) ` : "";
      return `if (${x} != null) { const ${n} = ${this.enumNumber(resolved, shape, path, x)}; ${skip}{ ${write} } }`;
    }
    const write = this.single(field, shape, x, path, field.id);
    if (!implicit || resolved instanceof protobuf.Type) return `if (${x} != null) { ${write} }`;
    const type = field.type;
    const skip =
      type === "bool"
        ? `${x} !== false`
        : type === "string"
          ? `${x} !== ""`
          : type === "double" || type === "float"
            ? `!Object.is(${x}, 0)`
            : `${x} !== 0`;
    return `if (${x} != null && ${skip}) { ${write} }`;
  }

  private packable(field: protobuf.Field): boolean {
    return field.resolvedType instanceof protobuf.Enum || (field.type in WIRE && field.type !== "string");
  }

  /** Tag then value of one occurrence (a field, an item, a map entry's value: id 2). */
  private single(field: protobuf.Field, shape: Shape, x: string, path: string, id: number): string {
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Type) return `${tag(id, 2)} ${this.delimited(resolved, shape, path)}(${x}, w);`;
    const wire = resolved instanceof protobuf.Enum ? 0 : (WIRE[field.type] ?? 0);
    return `${tag(id, wire)} ${this.scalar(field, shape, x, path)}`;
  }

  /** The value without tag (packed items reuse it). */
  private scalar(field: protobuf.Field, shape: Shape, x: string, path: string): string {
    if (field.resolvedType instanceof protobuf.Enum)
      return `w.int32(${this.enumNumber(field.resolvedType, shape, path, x)});`;
    const type = field.type;
    if (!(type in WIRE)) throw new Unsupported(`${path}: Protobuf type ${type}`);
    if (type === "string" && shape.t === "timestamp") throw new Unsupported(`${path}: a time written as text`);
    return `w.${METHOD[type] ?? type}(${x});`;
  }

  /** Expression of the enum number of the name `x` (0 when unknown, as the JSON path writes). */
  private enumNumber(e: protobuf.Enum, shape: Shape, path: string, x: string): string {
    if (shape.t !== "enum") throw new Unsupported(`${path}: enum ${e.name} from a ${shape.t}`);
    const { table } = enumNumbers(e, shape.symbols);
    return lookupCode(
      table,
      x,
      () => {
        this.tables.push(table);
        return `T[${this.tables.length - 1}]`;
      },
      "0",
    );
  }

  /** google.protobuf.Timestamp from epoch ms (or µs, by the shape's unit). */
  private timestamp(type: protobuf.Type, shape: Shape, path: string): string {
    if (shape.t !== "timestamp") throw new Unsupported(`${path}: Timestamp from a ${shape.t}`);
    const perSecond = shape.unit === "micros" ? 1_000_000 : 1000;
    const seconds = type.fields["seconds"]?.resolve();
    const nanos = type.fields["nanos"]?.resolve();
    if (!seconds || !nanos) throw new Unsupported(`${path}: a Timestamp without seconds and nanos`);
    const name = this.local("ts");
    const s = this.field(seconds, { t: "long" }, "s", `${path}.seconds`);
    const n = this.field(nanos, { t: "long" }, "n", `${path}.nanos`);
    this.lines.push(
      `function ${name}(v, w) { const s = Math.floor(v / ${perSecond}); const n = (v - s * ${perSecond}) * ${1e9 / perSecond}; ${s} ${n} }`,
    );
    return name;
  }
}

/** The tag's varint bytes as constant writes. */
function tag(id: number, wire: number): string {
  let n = ((id << 3) | wire) >>> 0;
  const bytes: number[] = [];
  while (n > 127) {
    bytes.push((n & 127) | 128);
    n >>>= 7;
  }
  bytes.push(n);
  return bytes.map((b) => `w.byte(${b});`).join(" ");
}
