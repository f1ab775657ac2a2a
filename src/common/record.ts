/** One record as the engine hands it to the producer: the project's single record type, down to the bytes on the wire. */
export interface ProduceRecord {
  key: string;
  value: string;
  headers?: Record<string, string>;
}
