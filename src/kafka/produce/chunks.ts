/** A hand-over's records split per partition and encoded at once: the chunks the lanes hold. */
import type { ProduceRecord } from "../../common/record.ts";
import { encodePart } from "../protocol/encoded-records.ts";
import type { SlabPart } from "../protocol/slab-pool.ts";
import type { Chunk, SendOp } from "./lane.ts";

export interface HandOver {
  records: readonly ProduceRecord[];
  deadlineMs: number;
  addedMs: number;
}

/**
 * Per partition (by `partitionOf`), the chunk of `w`'s records bound there, encoded into memory
 * from `take` while the records are fresh: a batch then holds bytes, not record objects.
 */
export function chunksOf(
  w: HandOver,
  op: SendOp,
  partitionOf: (key: string) => number,
  take: (size: number) => SlabPart,
): Array<Chunk | undefined> {
  const groups: Array<{ indices: number[]; records: ProduceRecord[] } | undefined> = [];
  for (let i = 0; i < w.records.length; i++) {
    const record = w.records[i]!;
    const p = partitionOf(record.key);
    let group = groups[p];
    if (!group) groups[p] = group = { indices: [], records: [] };
    group.indices.push(i);
    group.records.push(record);
  }
  return groups.map((group) => {
    if (!group) return undefined;
    const encoded = encodePart(group.records, take);
    return {
      op,
      indices: group.indices,
      encoded,
      // A record's length, attributes, timestamp and offset deltas take at most 8 bytes more.
      bytes: encoded.buf.length + 8 * group.indices.length,
      deadlineMs: w.deadlineMs,
      addedMs: w.addedMs,
    };
  });
}
