/**
 * --segment, --segments and --run-id: which share of the fleet this instance runs, and the run id
 * every instance of a split run shares (so `surge verify --run ID` checks the run as one).
 */
import {
  equalSegment,
  isWhole,
  ownedCount,
  parseSegment,
  partOf,
  segmentText,
  type Segment,
} from "../common/segment.ts";
import { brokersValue } from "./brokers.ts";
import type { Checker } from "./checker.ts";
import type { Env, Sources } from "./sources.ts";
import type { FleetSettings } from "./types.ts";

/** Set by a Kubernetes Indexed Job in every pod: 0, 1, ... completions − 1. */
export const JOB_INDEX_ENV = "JOB_COMPLETION_INDEX";

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface SegmentSettings {
  segment?: Segment;
  runId?: string;
  fleet?: FleetSettings;
}

/** A fleet's name: part of its results topic's name (surge.fleet.NAME). */
export const fleetNameValue = (raw: unknown) => {
  const text = String(raw).trim();
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(text)
    ? { ok: true as const, value: text }
    : {
        ok: false as const,
        problem: "must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit",
      };
};

export function resolveSegment(
  src: Sources,
  env: Env,
  check: Checker,
  warnings: string[],
  runBrokers: string[],
): SegmentSettings {
  const out: SegmentSettings = {};
  const fleet = src.get("fleet", fleetNameValue);
  const fleetBrokers = src.get("fleetBrokers", brokersValue);
  // The token is never quoted back: a bad one is named, not shown.
  const token = src.get("fleetToken", (raw) =>
    String(raw).length >= 16
      ? { ok: true, value: String(raw) }
      : { ok: false, problem: "must be at least 16 characters (it signs fleet commands)" },
  );
  const expect = src.get("expect", (raw) => {
    const n = Number(String(raw).trim());
    return Number.isInteger(n) && n >= 1 && n <= 10_000
      ? { ok: true, value: n }
      : { ok: false, problem: "must be the number of instances to wait for, 1 to 10000" };
  });
  const startAtMs = src.get("startAt", (raw) => {
    const ms = Date.parse(String(raw).trim());
    return Number.isFinite(ms)
      ? { ok: true, value: ms }
      : { ok: false, problem: "must be a date and time like 2026-12-06T21:30:00Z" };
  });
  if (fleet !== undefined) {
    out.fleet = {
      name: fleet,
      brokers: fleetBrokers ?? runBrokers,
      ...(token ? { token } : {}),
      expect: expect ?? 0,
      startAtMs: startAtMs ?? NaN,
    };
  } else if (fleetBrokers !== undefined || token !== undefined || expect !== undefined || startAtMs !== undefined) {
    src.conflict(
      "--fleet-brokers, --fleet-token, --expect and --start-at need --fleet NAME (the fleet they are about)",
    );
  }
  const segment = src.get("segment", (raw) => parseSegment(String(raw)));
  const count = src.get("segments", (raw) => {
    const n = Number(String(raw).trim());
    return Number.isInteger(n) && n >= 1 && n <= 10_000
      ? { ok: true, value: n }
      : { ok: false, problem: "must be a whole number of instances from 1 to 10000" };
  });
  if (segment && count !== undefined)
    src.conflict(
      "--segment and --segments cannot go together: give one (--segments takes i from $JOB_COMPLETION_INDEX)",
    );
  else if (segment) out.segment = segment;
  else if (count !== undefined) {
    const index = (env[JOB_INDEX_ENV] ?? "").trim();
    const i = Number(index);
    if (index === "" || !Number.isInteger(i) || i < 0 || i >= count) {
      check.reject(
        JOB_INDEX_ENV,
        `must be this instance's index from 0 to ${count - 1} with --segments ${count} (a Kubernetes Indexed Job sets it; elsewhere use --segment i/${count})`,
        index === "" ? undefined : index,
      );
    } else out.segment = equalSegment(i, count);
  }
  if (out.segment && isWhole(out.segment)) delete out.segment;

  const runId = src.get("runId", (raw) => {
    const text = String(raw).trim();
    return RUN_ID.test(text)
      ? { ok: true, value: text }
      : { ok: false, problem: "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit" };
  });
  if (runId !== undefined) out.runId = runId;
  if (out.fleet && out.fleet.expect > 0 && runId === undefined) {
    src.conflict(
      "--expect needs --run-id: the instances that wait for each other are those of one run (give them all the same --run-id)",
    );
  }
  if (out.segment && runId === undefined) {
    warnings.push(
      "--segment without --run-id: this instance gets a run id of its own; give every instance the same --run-id to verify the fleet's run as one",
    );
  }
  return out;
}

/**
 * This instance's part of --count (the parts of a split run add up to it exactly); a segment that
 * owns no device, or none of the events, is refused: it would run nothing, or without end.
 */
export function segmentCount(segment: Segment, devices: number, count: number, check: Checker): number {
  const text = segmentText(segment);
  if (ownedCount(segment, devices) === 0) {
    check.reject("--segment", `${text} owns none of the ${devices} devices: run fewer instances or more --devices`);
  }
  if (count === 0) return 0;
  const part = partOf(segment, count);
  if (part === 0)
    check.reject(
      "--segment",
      `${text} owns none of the --count ${count} events: run fewer instances or a larger --count`,
    );
  return part;
}
