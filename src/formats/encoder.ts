/**
 * One topic's record codec, built once at start: a record → bytes in the topic's format, with
 * the Confluent header prepared once; bytes → a decoded value (surge sample); and the malformed
 * anomaly's corruption of framed bytes. A record comes as JSON text, or (the declared fleet's
 * value path, `stage`) as its value, which Avro and Protobuf write without parsing JSON.
 */
import type { Random } from "../sim/random.ts";
import { corruptRecord } from "../sim/anomalies/malformed.ts";
import type { AvroBinding } from "./avro.ts";
import type { AvroWrite } from "./avro-writer.ts";
import { ByteWriter } from "./byte-writer.ts";
import type { ProtoBinding } from "./protobuf.ts";
import type { ProtoWrite } from "./proto-writer.ts";
import { confluentHeader } from "./wire.ts";

export type FormatName = "json" | "avro" | "protobuf" | "json-schema";
export type RegistryType = "AVRO" | "PROTOBUF" | "JSON";

export const REGISTRY_TYPE: Record<Exclude<FormatName, "json">, RegistryType> = {
  avro: "AVRO",
  protobuf: "PROTOBUF",
  "json-schema": "JSON",
};

/** What the summary JSON and the dashboard show per topic. */
export interface TopicFormatInfo {
  format: FormatName;
  subject?: string;
  schemaId?: number;
}

/** The schema as registered / printed. */
export interface TopicSchema {
  format: Exclude<FormatName, "json">;
  text: string;
  /** Record / message full name (the record subject strategies use it). */
  fullName: string;
  /** Protobuf: the message's index path in its file. */
  indexes?: number[];
}

type Body =
  | { kind: "avro"; b: AvroBinding; write: AvroWrite | undefined }
  | { kind: "protobuf"; b: ProtoBinding; write: ProtoWrite | undefined }
  | { kind: "json-schema" };

/** An id no registry hands out early: a record carrying it names a schema that does not exist. */
const UNKNOWN_SCHEMA_ID = 0x7ffffff0;

export class TopicEncoder {
  /** Magic byte, schema id (and Protobuf indexes); empty without a registry. */
  private header: Buffer = Buffer.alloc(0);
  schemaId: number | undefined;
  subject: string | undefined;
  private scratch = Buffer.allocUnsafe(4096);
  private readonly writer = new ByteWriter();
  /** The next record's value, handed over just before its push (see stage). */
  private staged: unknown = undefined;
  /** Whether the fleet may hand records over as values (stage) rather than JSON text. */
  readonly takesValues: boolean;

  constructor(
    readonly schema: TopicSchema,
    private readonly body: Body,
  ) {
    this.takesValues =
      body.kind === "avro" ? body.b.takesValues : body.kind === "protobuf" ? body.write !== undefined : false;
  }

  /** The value of the record pushed next (its JSON text is then ""); encode() writes it. */
  readonly stage = (value: unknown): void => {
    this.staged = value;
  };

  get format(): FormatName {
    return this.schema.format;
  }

  /** Records framed for a registry from now on. */
  useRegistry(schemaId: number, subject: string): void {
    this.schemaId = schemaId;
    this.subject = subject;
    this.header = confluentHeader(schemaId, this.body.kind === "protobuf" ? this.body.b.indexes : undefined);
  }

  get headerLength(): number {
    return this.header.length;
  }

  encode(json: string): Buffer {
    const staged = this.staged;
    if (staged !== undefined) {
      this.staged = undefined;
      return this.encodeValue(staged);
    }
    const h = this.header;
    switch (this.body.kind) {
      case "json-schema": {
        const out = Buffer.allocUnsafe(h.length + json.length);
        h.copy(out, 0);
        // The fleet writes 7-bit ASCII JSON (non-ASCII \u-escaped): one byte per character.
        out.write(json, h.length, "latin1");
        return out;
      }
      case "avro": {
        const { convert } = this.body.b;
        return this.avro(convert ? convert(JSON.parse(json)) : JSON.parse(json));
      }
      case "protobuf": {
        const { type, convert } = this.body.b;
        const bytes = type.encode(convert(JSON.parse(json)) as Record<string, unknown>).finish();
        const out = Buffer.allocUnsafe(h.length + bytes.length);
        h.copy(out, 0);
        out.set(bytes, h.length);
        return out;
      }
    }
  }

  /** A record given as its value (numbers, objects, enum names, epoch times): no JSON parsed. */
  encodeValue(value: unknown): Buffer {
    const body = this.body;
    if (body.kind === "avro" && !body.write) return this.avro(value);
    if (body.kind === "json-schema" || !body.write)
      throw new Error(`${this.format} records are written from JSON text`);
    const w = this.writer;
    w.begin(this.header);
    body.write(value, w);
    return w.end();
  }

  private avro(value: unknown): Buffer {
    const { type } = (this.body as { b: AvroBinding }).b;
    const h = this.header;
    let end = type.encode(value, this.scratch, h.length);
    if (end < 0) {
      this.scratch = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, h.length - end + this.scratch.length));
      end = type.encode(value, this.scratch, h.length);
    }
    h.copy(this.scratch, 0);
    return Buffer.from(this.scratch.subarray(0, end));
  }

  /** The record's value as JS (timestamps as epoch numbers, Protobuf enums by name). */
  decode(bytes: Uint8Array): unknown {
    const body = Buffer.from(
      bytes.buffer,
      bytes.byteOffset + this.header.length,
      bytes.byteLength - this.header.length,
    );
    switch (this.body.kind) {
      case "json-schema":
        return JSON.parse(body.toString("utf8"));
      case "avro":
        return this.body.b.type.fromBuffer(body);
      case "protobuf": {
        const { type } = this.body.b;
        return type.toObject(type.decode(body), { longs: Number, enums: String });
      }
    }
  }

  /**
   * The malformed anomaly: bytes this topic's deserializer rejects. With a registry: a cut
   * record, an unknown schema id or a wrong magic byte; without: a cut record (Protobuf: an
   * invalid wire type appended, since Protobuf reads a record cut at a field boundary).
   */
  corrupt(json: string, bytes: Buffer, random: Random): Buffer | string {
    const pick = random.int(3);
    const h = this.header.length;
    if (h > 0 && pick === 1) {
      const out = Buffer.from(bytes);
      out.writeUInt32BE(UNKNOWN_SCHEMA_ID, 1);
      return out;
    }
    if (h > 0 && pick === 2) {
      const out = Buffer.from(bytes);
      out[0] = 1;
      return out;
    }
    switch (this.body.kind) {
      case "json-schema":
        return Buffer.concat([this.header, Buffer.from(corruptRecord(json, random), "latin1")]);
      case "protobuf":
        return Buffer.concat([bytes, Buffer.from([0x0f])]);
      case "avro":
        return Buffer.from(bytes.subarray(0, h + Math.floor((bytes.length - h) / 2)));
    }
  }
}

/** `write`: the value path's writer (avroWriter); undefined = avsc writes values too. */
export function avroEncoder(schema: TopicSchema, b: AvroBinding, write?: AvroWrite): TopicEncoder {
  return new TopicEncoder(schema, { kind: "avro", b, write });
}
/** `write`: the value path's writer (protoWriter), undefined when the message needs the JSON path. */
export function protobufEncoder(schema: TopicSchema, b: ProtoBinding, write?: ProtoWrite): TopicEncoder {
  return new TopicEncoder(schema, { kind: "protobuf", b, write });
}
export function jsonSchemaEncoder(schema: TopicSchema): TopicEncoder {
  return new TopicEncoder(schema, { kind: "json-schema" });
}
