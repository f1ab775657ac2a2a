/** A record's headers section (record batch v2): the count, then each header; ground truth last (truth-headers.ts). */
import type { ProduceRecord } from "../../common/record.ts";
import { TRUTH_HEADER_COUNT, truthHeadersSize, writeTruthHeaders } from "./truth-headers.ts";
import { utf8Length, varintSize, type Writer } from "./writer.ts";

/** Bytes of the headers section. */
export function headersSize(r: ProduceRecord): number {
  const headers = r.headers;
  const truth = r.runId !== undefined;
  let size = truth ? truthHeadersSize(r) : 0;
  let count = truth ? TRUTH_HEADER_COUNT : 0;
  if (!headers) return varintSize(count) + size;
  for (const k in headers) {
    const kb = utf8Length(k);
    const vb = utf8Length(headers[k]!);
    size += varintSize(kb) + kb + varintSize(vb) + vb;
    count++;
  }
  return varintSize(count) + size;
}

/** The headers section measured by `headersSize`. */
export function writeHeaders(w: Writer, r: ProduceRecord): void {
  const h = r.headers;
  const truth = r.runId !== undefined;
  w.varint((h ? countKeys(h) : 0) + (truth ? TRUTH_HEADER_COUNT : 0));
  if (h)
    for (const k in h) {
      const v = h[k]!;
      const kb = utf8Length(k);
      const vb = utf8Length(v);
      w.varint(kb);
      w.utf8(k, kb);
      w.varint(vb);
      w.utf8(v, vb);
    }
  if (truth) writeTruthHeaders(w, r);
}

/** Keys of a header object, without the array Object.keys makes. */
function countKeys(h: Record<string, string>): number {
  let count = 0;
  for (const k in h) if (k !== undefined) count++;
  return count;
}
