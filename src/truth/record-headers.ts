/** The headers a record carries on the wire as one object: its own, then ground truth kept as numbers. */
import type { ProduceRecord } from "../common/record.ts";
import { HEADER_DEVICE, HEADER_RUN, HEADER_SEQ } from "./headers.ts";

export function recordHeaders(r: ProduceRecord): Record<string, string> | undefined {
  if (r.runId === undefined) return r.headers;
  return { ...r.headers, [HEADER_RUN]: r.runId, [HEADER_DEVICE]: `${r.device}`, [HEADER_SEQ]: `${r.seq}` };
}
