/** One record as the engine hands it to the producer: the project's single record type, down to the bytes on the wire. */
export interface ProduceRecord {
  key: string;
  /** JSON text, or the bytes of a binary format (src/formats). */
  value: string | Buffer;
  headers?: Record<string, string>;
}
