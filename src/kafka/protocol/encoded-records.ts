/**
 * Records encoded as they are handed to the producer: per record the part of its body from the
 * key on (key, value, headers), in one buffer per hand-over and partition. A batch holds these
 * instead of the records, so the record objects and their value texts die young: held until the
 * broker's answer, a few thousand records of text cost more to collect than to encode
 * (BENCHMARKS.md, "Stop 27"). Offset deltas and lengths are written when the batch is.
 */
import type { ProduceRecord } from "../../common/record.ts";
import { valueBytesOf } from "../../common/record.ts";
import { headersSize, writeHeaders } from "./record-headers.ts";
import { utf8Length, varintSize, Writer } from "./writer.ts";
import type { SlabPart } from "./slab-pool.ts";

/** The tails of some records: record k's is buf[ends[k - 1] (or 0) .. ends[k]). */
export interface EncodedPart {
  buf: Buffer;
  ends: Int32Array;
  /** Called once the records are settled: their memory may be used again. */
  release(): void;
}

const fresh = (size: number): SlabPart => ({ buf: Buffer.allocUnsafe(size), release: () => {} });

/** Encodes the tails of `records` into memory from `take` (a SlabPool's). */
export function encodePart(records: readonly ProduceRecord[], take: (size: number) => SlabPart = fresh): EncodedPart {
  const ends = new Int32Array(records.length);
  let total = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const keyBytes = utf8Length(r.key);
    const valueBytes = valueBytesOf(r);
    total += varintSize(keyBytes) + keyBytes + varintSize(valueBytes) + valueBytes + headersSize(r);
    ends[i] = total;
  }
  const memory = take(total);
  const w = new Writer(memory.buf);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const keyBytes = utf8Length(r.key);
    w.varint(keyBytes);
    w.utf8(r.key, keyBytes);
    const valueBytes = valueBytesOf(r);
    w.varint(valueBytes);
    if (typeof r.value === "string") w.utf8(r.value, valueBytes);
    else w.bytes(r.value);
    writeHeaders(w, r);
  }
  if (w.pos !== total) throw new Error(`encoded records: wrote ${w.pos} bytes of ${total}`);
  return { buf: w.buf, ends, release: memory.release };
}

/** The encoded records of one batch, in order: `length` like an array's, so a batch counts them alike. */
export class EncodedRecords {
  length = 0;
  readonly parts: EncodedPart[] = [];

  add(part: EncodedPart): void {
    this.parts.push(part);
    this.length += part.ends.length;
  }

  /** Each record's body length into lengths[3 i] (offset deltas from 0); the section's size. */
  measure(lengths: Int32Array): number {
    let i = 0;
    let total = 0;
    for (const { ends } of this.parts) {
      let start = 0;
      for (let k = 0; k < ends.length; k++, i++) {
        const end = ends[k]!;
        // attributes + timestampDelta (0) + offsetDelta + the tail
        const body = 2 + varintSize(i) + end - start;
        lengths[3 * i] = body;
        total += varintSize(body) + body;
        start = end;
      }
    }
    return total;
  }

  /** Writes the records section measured by `measure` into `lengths`. */
  write(w: Writer, lengths: Int32Array): void {
    let i = 0;
    for (const { buf, ends } of this.parts) {
      let start = 0;
      for (let k = 0; k < ends.length; k++, i++) {
        const end = ends[k]!;
        w.varint(lengths[3 * i]!);
        w.int8(0);
        w.int8(0);
        w.varint(i);
        buf.copy(w.buf, w.pos, start, end);
        w.pos += end - start;
        start = end;
      }
    }
  }
}
