/**
 * The two requests verify sends itself over kafkajs's connections: Fetch v4 (records as raw
 * bytes, decoded by fetch-response.ts without kafkajs's per-record objects) and DescribeLogDirs
 * v1 (partition sizes, which kafkajs's admin does not offer).
 */
/** A request as kafkajs's connection takes it: its framing, and the answer handed back raw. */
export interface ProtocolRequest {
  request: unknown;
  response: { decode(raw: Buffer): Promise<unknown>; parse(decoded: unknown): Promise<unknown> };
}

/** Grows as written; enough for request bodies of a few kilobytes. */
class Writer {
  private buf = Buffer.alloc(1024);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.alloc(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }
  int8(v: number): this { this.room(1); this.buf.writeInt8(v, this.at); this.at += 1; return this; }
  int16(v: number): this { this.room(2); this.buf.writeInt16BE(v, this.at); this.at += 2; return this; }
  int32(v: number): this { this.room(4); this.buf.writeInt32BE(v, this.at); this.at += 4; return this; }
  int64(v: number): this { this.room(8); this.buf.writeBigInt64BE(BigInt(v), this.at); this.at += 8; return this; }
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
const raw = { decode: async (payload: Buffer): Promise<unknown> => payload, parse: async (decoded: unknown): Promise<unknown> => decoded };

/** Fetch v4 (the oldest version Kafka 4 still serves; record batches v2, no fetch sessions). */
export function fetchRequest(a: FetchArgs): ProtocolRequest {
  const encode = async (): Promise<unknown> => {
    const w = new Writer().int32(-1).int32(a.maxWaitMs).int32(1).int32(a.maxBytes).int8(0).int32(a.topics.length);
    for (const t of a.topics) {
      w.string(t.topic).int32(t.partitions.length);
      for (const p of t.partitions) w.int32(p.partition).int64(p.offset).int32(p.maxBytes);
    }
    return w.encoder();
  };
  return { request: { apiKey: 1, apiVersion: 4, apiName: "Fetch", encode }, response: raw };
}

/** DescribeLogDirs v1 for the given topics' partitions. */
export function describeLogDirsRequest(topics: ReadonlyArray<{ topic: string; partitions: readonly number[] }>): ProtocolRequest {
  const encode = async (): Promise<unknown> => {
    const w = new Writer().int32(topics.length);
    for (const t of topics) {
      w.string(t.topic).int32(t.partitions.length);
      for (const p of t.partitions) w.int32(p);
    }
    return w.encoder();
  };
  return { request: { apiKey: 35, apiVersion: 1, apiName: "DescribeLogDirs", encode }, response: raw };
}

/** Reads big-endian fields in order. */
export class Reader {
  at = 0;
  constructor(readonly buf: Buffer) {}
  int8(): number { const v = this.buf.readInt8(this.at); this.at += 1; return v; }
  int16(): number { const v = this.buf.readInt16BE(this.at); this.at += 2; return v; }
  int32(): number { const v = this.buf.readInt32BE(this.at); this.at += 4; return v; }
  int64(): number { const v = Number(this.buf.readBigInt64BE(this.at)); this.at += 8; return v; }
  string(): string {
    const n = this.int16();
    if (n < 0) return "";
    const s = this.buf.toString("utf8", this.at, this.at + n);
    this.at += n;
    return s;
  }
}

/** Partition sizes (bytes) by "topic/partition" from a DescribeLogDirs v0/v1 answer; the largest log dir wins. */
export function decodeLogDirSizes(payload: Buffer, into: Map<string, number>): void {
  const r = new Reader(payload);
  r.int32(); // throttle time
  const dirs = r.int32();
  for (let d = 0; d < dirs; d++) {
    const error = r.int16();
    r.string(); // log dir path
    const topics = r.int32();
    for (let t = 0; t < topics; t++) {
      const topic = r.string();
      const partitions = r.int32();
      for (let p = 0; p < partitions; p++) {
        const partition = r.int32();
        const size = r.int64();
        r.int64(); // offset lag
        const future = r.int8() !== 0;
        if (error !== 0 || future) continue;
        const key = `${topic}/${partition}`;
        into.set(key, Math.max(into.get(key) ?? 0, size));
      }
    }
  }
}
