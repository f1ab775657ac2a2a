/**
 * Partitioners by name: murmur2 (the Java client's default for keyed records: the same partition
 * for the same key), fnv1a (the industrial design), round-robin. In 32-bit integer arithmetic:
 * kafkajs's murmur2 made a Buffer and about fifteen Long objects per record.
 */

/** The partition of a record with `key` among `partitions`. */
export type Partitioner = (key: string, partitions: number) => number;

/** FNV-1a 32-bit over the key's UTF-8 bytes (device ids are ASCII). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i) & 0xff;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const M = 0x5bd1e995;

/** Kafka's Utils.murmur2 (a signed 32-bit int) of `bytes`, one byte per character (0-255). */
function murmur2OfBytes(bytes: string): number {
  const length = bytes.length;
  let h = 0x9747b28c ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k =
      bytes.charCodeAt(i4) |
      (bytes.charCodeAt(i4 + 1) << 8) |
      (bytes.charCodeAt(i4 + 2) << 16) |
      (bytes.charCodeAt(i4 + 3) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length & 3;
  if (rest > 0) {
    const tail = length - rest;
    if (rest === 3) h ^= bytes.charCodeAt(tail + 2) << 16;
    if (rest >= 2) h ^= bytes.charCodeAt(tail + 1) << 8;
    h ^= bytes.charCodeAt(tail);
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's murmur2 of a key's UTF-8 bytes; an ASCII key is its own bytes. */
export function murmur2(key: string): number {
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) >= 0x80) return murmur2OfBytes(Buffer.from(key, "utf8").toString("latin1"));
  }
  return murmur2OfBytes(key);
}

export const partitioners: Record<"murmur2" | "fnv1a" | "round-robin", () => Partitioner> = {
  // Java's toPositive (h & 0x7fffffff), then modulo.
  murmur2: () => (key, partitions) => (murmur2(key) & 0x7fffffff) % partitions,
  fnv1a: () => (key, partitions) => fnv1a(key) % partitions,
  "round-robin": () => {
    let next = 0;
    return (_key, partitions) => next++ % partitions;
  },
};
