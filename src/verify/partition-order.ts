/**
 * Out-of-order detection. Kafka orders records only within a partition, and a round-robin
 * partitioner spreads one device over all of them, so order is judged per (topic, partition):
 * a record is out of order when a higher sequence number of the same device came earlier in the
 * same partition. One Int32Array of "highest + 1" per device per partition, made when first read.
 */
export class PartitionOrder {
  private readonly highest = new Map<string, Int32Array>();

  constructor(private readonly devices: number) {}

  /** The state of one partition; look it up once per batch, not per record. */
  partition(topic: number, partition: number): Int32Array {
    const key = `${topic}/${partition}`;
    let seen = this.highest.get(key);
    if (!seen) {
      seen = new Int32Array(this.devices);
      this.highest.set(key, seen);
    }
    return seen;
  }
}

/** Notes the record and says whether a higher sequence number of its device came before it. */
export function arrivesLate(seen: Int32Array, device: number, seq: number): boolean {
  const before = seen[device] ?? 0;
  if (seq + 1 > before) {
    seen[device] = seq + 1;
    return false;
  }
  return seq + 1 < before;
}
