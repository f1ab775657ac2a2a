/**
 * --workers N|auto: how many worker threads share this instance's part of the run, each an equal
 * sub-share (so every device still has exactly one owner). Refused when a worker would own no
 * device or none of the --count events: it would run nothing, or without end.
 */
import { availableParallelism } from "node:os";
import { ownedCount, owns, partOf, segmentText, subSegment, type Segment } from "../common/segment.ts";
import { bad, ok, toNumber, type Parsed } from "../common/values.ts";
import type { Checker } from "./checker.ts";

export const MAX_WORKERS = 256;

/** A number of workers, or "auto" (the box's cores, at most one per device). */
export function workersValue(raw: unknown): Parsed<number | "auto"> {
  if (String(raw).trim() === "auto") return ok("auto");
  const n = toNumber(raw);
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS
    ? ok(n)
    : bad(`must be a whole number of worker threads from 1 to ${MAX_WORKERS}, or auto (the box's cores)`);
}

export interface WorkerCheck {
  asked: number | "auto";
  share: Segment | undefined;
  devices: number;
  /** This instance's --count (0 = no limit); already its share's part when it has a segment. */
  count: number;
  /** The whole run's --count, which the workers' parts are taken from. */
  runCount: number;
  e2e: boolean;
  cores?: number;
}

/** The number of workers to run (1 = on the main thread, as before). */
export function resolveWorkers(c: WorkerCheck, check: Checker): number {
  const owned = c.share ? ownedCount(c.share, c.devices) : c.devices;
  let n = c.asked === "auto" ? Math.max(1, Math.min(c.cores ?? availableParallelism(), owned)) : c.asked;
  // auto: as many as the box has cores, but only as many as the devices spread over.
  if (c.asked === "auto") while (n > 1 && !everyShareOwns(c.share, n, c.devices)) n--;
  if (n === 1) return 1;
  const where = c.asked === "auto" ? `--workers auto (${n})` : "--workers";
  if (c.e2e) {
    check.reject(where, "cannot go with --e2e / --follow yet (the read-back runs on one thread): drop one");
    return 1;
  }
  if (n > owned) {
    check.reject(where, `${n} workers for ${owned} devices: every worker needs a device of its own`);
    return 1;
  }
  for (let k = 0; k < n; k++) {
    const part = subSegment(c.share, k, n);
    if (!part) {
      check.reject(where, `${n} workers split --segment too finely (a share's denominator over 100000)`);
      return 1;
    }
    if (!ownsAny(part, c.devices)) {
      check.reject(
        where,
        `worker ${k + 1} of ${n} (share ${segmentText(part)}) would own none of the ${owned} devices: run fewer workers`,
      );
      return 1;
    }
    if (c.count > 0 && partOf(part, c.runCount) === 0) {
      check.reject(where, `worker ${k + 1} of ${n} would own none of the --count ${c.count} events: run fewer workers`);
      return 1;
    }
  }
  return n;
}

function everyShareOwns(share: Segment | undefined, n: number, devices: number): boolean {
  for (let k = 0; k < n; k++) {
    const part = subSegment(share, k, n);
    if (!part || !ownsAny(part, devices)) return false;
  }
  return true;
}

/** Stops at the first device found: cheap even for fleets of millions. */
function ownsAny(share: Segment, devices: number): boolean {
  for (let d = 0; d < devices; d++) if (owns(share, d)) return true;
  return false;
}
