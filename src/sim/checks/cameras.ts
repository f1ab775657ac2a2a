/** Field checks of camera "events" records. */
import { expectNumber, expectObject, expectString } from "./fields.ts";

export interface CamerasCheckOptions {
  /** The scenario's camera ids, when it overrides the default cam-01 ... */
  cameraIds?: readonly string[];
}

const PLAIN_UTC = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export function checkCamerasEvent(record: unknown, options: CamerasCheckOptions = {}): string[] {
  const out: string[] = [];
  const e = expectObject(record, "", ["event_id", "timestamp", "camera_id"], out);
  if (e === undefined) return out;
  // Microseconds since the epoch, 2000..2100.
  const id = expectNumber(e, "event_id", "", { min: 946_684_800e6, max: Number.MAX_SAFE_INTEGER, integer: true }, out);
  const ts = expectString(e, "timestamp", "", PLAIN_UTC, out);
  expectString(e, "camera_id", "", options.cameraIds ?? /^cam-\d{2,}$/, out);
  if (id !== undefined && ts !== undefined && PLAIN_UTC.test(ts)) {
    const seconds = Date.parse(ts.replace(" ", "T") + "Z") / 1000;
    if (Number.isNaN(seconds)) out.push(`timestamp: ${ts} is not a real date`);
    // The id is the event time in µs, nudged forward only to stay unique.
    else if (Math.abs(id / 1e6 - seconds) > 60) out.push(`event_id: ${id} is not within a minute of ${ts}`);
  }
  return out;
}
