/** Partitioners by name: murmur2 (Java client compatible), fnv1a (the industrial design), round-robin. */
import kafkajs from "kafkajs";
import type { ICustomPartitioner } from "kafkajs";

/** FNV-1a 32-bit over the key's UTF-8 bytes (device ids are ASCII). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i) & 0xff;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const fnv1aPartitioner: ICustomPartitioner =
  () =>
  ({ partitionMetadata, message }) => {
    const key = message.key == null ? "" : message.key.toString();
    return fnv1a(key) % partitionMetadata.length;
  };

const roundRobinPartitioner: ICustomPartitioner = () => {
  let next = 0;
  return ({ partitionMetadata }) => next++ % partitionMetadata.length;
};

export const partitioners: Record<"murmur2" | "fnv1a" | "round-robin", ICustomPartitioner> = {
  murmur2: kafkajs.Partitioners.DefaultPartitioner,
  fnv1a: fnv1aPartitioner,
  "round-robin": roundRobinPartitioner,
};
