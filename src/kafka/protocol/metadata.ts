/**
 * Metadata v7 (non-flexible; Kafka 2.1 to 4.x): the brokers and, per topic and per partition,
 * the error code and leader, each error kept apart so one broken topic never hides the others.
 */
import { Reader } from "./reader.ts";
import { Writer } from "./writer.ts";

export const METADATA_API_KEY = 3;
export const METADATA_VERSION = 7;

export interface MetadataAnswer {
  brokers: Array<{ nodeId: number; host: string; port: number }>;
  controllerId: number;
  topics: Array<{
    errorCode: number;
    name: string;
    /** leaderEpoch: grows with every leader change (-1 or absent: unknown). */
    partitions: Array<{ errorCode: number; partition: number; leader: number; leaderEpoch?: number }>;
  }>;
}

export function encodeMetadata(topics: readonly string[], allowAutoTopicCreation = false): Buffer {
  let size = 4 + 1;
  for (const t of topics) size += 2 + Buffer.byteLength(t);
  const w = new Writer(Buffer.allocUnsafe(size));
  w.int32(topics.length);
  for (const t of topics) w.string(t);
  w.int8(allowAutoTopicCreation ? 1 : 0);
  return w.buf;
}

const int32s = (r: Reader): number => r.int32();

export function decodeMetadataResponse(body: Buffer): MetadataAnswer {
  const r = new Reader(body);
  r.int32(); // throttle time
  const brokers = r.array((b) => {
    const nodeId = b.int32();
    const host = b.string();
    const port = b.int32();
    b.nullableString(); // rack
    return { nodeId, host, port };
  });
  r.nullableString(); // cluster id
  const controllerId = r.int32();
  const topics = r.array((t) => {
    const errorCode = t.int16();
    const name = t.string();
    t.bool(); // internal
    const partitions = t.array((p) => {
      const errorCode = p.int16();
      const partition = p.int32();
      const leader = p.int32();
      const leaderEpoch = p.int32();
      p.array(int32s); // replicas
      p.array(int32s); // in-sync replicas
      p.array(int32s); // offline replicas
      return { errorCode, partition, leader, leaderEpoch };
    });
    return { errorCode, name, partitions };
  });
  return { brokers, controllerId, topics };
}
