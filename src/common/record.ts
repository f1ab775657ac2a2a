/** One record as the engine hands it to the producer: the project's single record type, down to the bytes on the wire. */
export interface ProduceRecord {
  key: string;
  /** JSON text, or the bytes of a binary format (src/formats). */
  value: string | Buffer;
  /** Headers of the model (and --e2e's), written first; ground truth follows them. */
  headers?: Record<string, string>;
  /**
   * Ground truth as numbers: when set, the batch writer appends the surge-run, surge-device and
   * surge-seq headers after `headers` (src/kafka/protocol/truth-headers.ts), so no header object or
   * number text is made per record. Records an anomaly touched carry it in `headers` instead.
   */
  runId?: string;
  device?: number;
  seq?: number;
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
