/**
 * Fetch v4 as surge sends it itself over kafkajs's connections (records as raw bytes, decoded by
 * fetch-response.ts without kafkajs's per-record objects); used by verify and --e2e's read-back.
 */
/** A request as kafkajs's connection takes it: its framing, and the answer handed back raw. */
export interface ProtocolRequest {
  request: unknown;
  response: { decode(raw: Buffer): Promise<unknown>; parse(decoded: unknown): Promise<unknown> };
}

/** Grows as written; enough for request bodies of a few kilobytes. */
export class GrowingWriter {
  private buf = Buffer.alloc(1024);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.alloc(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }
  int8(v: number): this {
    this.room(1);
    this.buf.writeInt8(v, this.at);
    this.at += 1;
    return this;
  }
  int16(v: number): this {
    this.room(2);
    this.buf.writeInt16BE(v, this.at);
    this.at += 2;
    return this;
  }
  int32(v: number): this {
    this.room(4);
    this.buf.writeInt32BE(v, this.at);
    this.at += 4;
    return this;
  }
  int64(v: number): this {
    this.room(8);
    this.buf.writeBigInt64BE(BigInt(v), this.at);
    this.at += 8;
    return this;
  }
  string(s: string): this {
    const bytes = Buffer.from(s, "utf8");
    this.int16(bytes.length);
    this.room(bytes.length);
    bytes.copy(this.buf, this.at);
    this.at += bytes.length;
    return this;
  }
  /** kafkajs's request framing takes an object shaped like its own Encoder. */
  encoder(): { buf: Buffer; buffer: Buffer } {
    const b = this.buf.subarray(0, this.at);
    return { buf: b, buffer: b };
  }
}

export interface FetchPartition {
  partition: number;
  offset: number;
  maxBytes: number;
}

export interface FetchArgs {
  topics: ReadonlyArray<{ topic: string; partitions: readonly FetchPartition[] }>;
  maxWaitMs: number;
  maxBytes: number;
}

/** Raw response bytes, decoded by the caller. */
export const raw = {
  decode: async (payload: Buffer): Promise<unknown> => payload,
  parse: async (decoded: unknown): Promise<unknown> => decoded,
};

/** Fetch v4 (the oldest version Kafka 4 still serves; record batches v2, no fetch sessions). */
export function fetchRequest(a: FetchArgs): ProtocolRequest {
  const encode = async (): Promise<unknown> => {
    const w = new GrowingWriter()
      .int32(-1)
      .int32(a.maxWaitMs)
      .int32(1)
      .int32(a.maxBytes)
      .int8(0)
      .int32(a.topics.length);
    for (const t of a.topics) {
      w.string(t.topic).int32(t.partitions.length);
      for (const p of t.partitions) w.int32(p.partition).int64(p.offset).int32(p.maxBytes);
    }
    return w.encoder();
  };
  return { request: { apiKey: 1, apiVersion: 4, apiName: "Fetch", encode }, response: raw };
}
