/**
 * Confluent's wire format: magic byte 0, the schema id (4 bytes, big-endian), for Protobuf the
 * message-index list, then the encoded record. The header is built once per schema.
 */

/** Zigzag varint of a signed 32-bit number (Protobuf's sint32, used by the index list). */
export function zigzagVarint(n: number): number[] {
  let z = ((n << 1) ^ (n >> 31)) >>> 0;
  const out: number[] = [];
  while (z >= 0x80) {
    out.push((z & 0x7f) | 0x80);
    z >>>= 7;
  }
  out.push(z);
  return out;
}

/** Protobuf's message indexes: [0] (the first message) is the single byte 0, else count + indexes. */
export function messageIndexBytes(indexes: readonly number[]): number[] {
  if (indexes.length === 1 && indexes[0] === 0) return [0];
  return [...zigzagVarint(indexes.length), ...indexes.flatMap(zigzagVarint)];
}

export function confluentHeader(schemaId: number, indexes?: readonly number[]): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt8(0, 0);
  head.writeUInt32BE(schemaId >>> 0, 1);
  return indexes ? Buffer.concat([head, Buffer.from(messageIndexBytes(indexes))]) : head;
}

/** Reads a zigzag varint at `at`: [value, next offset]. */
export function readZigzag(bytes: Uint8Array, at: number): [number, number] {
  let z = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    if (i >= bytes.length || shift > 28) throw new Error("truncated message-index list");
    const b = bytes[i++] as number;
    z |= (b & 0x7f) << shift;
    if (b < 0x80) break;
    shift += 7;
  }
  return [(z >>> 1) ^ -(z & 1), i];
}

/** The parts of a framed record: schema id, Protobuf indexes (when asked), and where the body starts. */
export function readHeader(
  bytes: Uint8Array,
  protobufIndexes: boolean,
): { schemaId: number; indexes?: number[]; body: number } {
  if (bytes.length < 5) throw new Error(`record of ${bytes.length} bytes is shorter than the 5-byte header`);
  if (bytes[0] !== 0) throw new Error(`unknown magic byte ${bytes[0]} (Confluent framing starts with 0)`);
  const schemaId = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32BE(1);
  if (!protobufIndexes) return { schemaId, body: 5 };
  const [count, first] = readZigzag(bytes, 5);
  let at = first;
  if (count === 0) return { schemaId, indexes: [0], body: at };
  const indexes: number[] = [];
  for (let i = 0; i < count; i++) {
    const [v, next] = readZigzag(bytes, at);
    indexes.push(v);
    at = next;
  }
  return { schemaId, indexes, body: at };
}
