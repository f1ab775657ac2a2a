/**
 * DescribeLogDirs v1 as verify sends it itself (partition sizes, which kafkajs's admin does not
 * offer); Fetch v4 lives in src/kafka/protocol (shared with --e2e's read-back).
 */
import { GrowingWriter as Writer, raw, type ProtocolRequest } from "../../kafka/protocol/fetch-request.ts";

/** DescribeLogDirs v1 for the given topics' partitions. */
export function describeLogDirsRequest(
  topics: ReadonlyArray<{ topic: string; partitions: readonly number[] }>,
): ProtocolRequest {
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
  int8(): number {
    const v = this.buf.readInt8(this.at);
    this.at += 1;
    return v;
  }
  int16(): number {
    const v = this.buf.readInt16BE(this.at);
    this.at += 2;
    return v;
  }
  int32(): number {
    const v = this.buf.readInt32BE(this.at);
    this.at += 4;
    return v;
  }
  int64(): number {
    const v = Number(this.buf.readBigInt64BE(this.at));
    this.at += 8;
    return v;
  }
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
