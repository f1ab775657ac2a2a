/** One record as the engine hands it to the producer: the project's single record type, down to the bytes on the wire. */
export interface ProduceRecord {
  key: string;
  /** JSON text, or the bytes of a binary format (src/formats). */
  value: string | Buffer;
  headers?: Record<string, string>;
  /** The value's length in bytes (UTF-8 for text), measured once when the record is made. */
  valueBytes?: number;
}

/** Bytes of a value on the wire. */
export function bytesOfValue(value: string | Buffer): number {
  return typeof value === "string" ? Buffer.byteLength(value, "utf8") : value.length;
}

/** Bytes of a record's value: what the record says, else measured. */
export function valueBytesOf(r: ProduceRecord): number {
  return r.valueBytes ?? bytesOfValue(r.value);
}
