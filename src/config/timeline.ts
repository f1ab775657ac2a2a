/**
 * A scenario's timeline: anomalies injected at fixed times after the start.
 *   timeline:
 *     - at: 30s
 *       inject: {kind: stuck, share: 5%, for: 2m}
 * The caller passes the known kinds, so a typo is a config error (exit 2) before anything is sent,
 * not a notice in the middle of a run.
 */
import { isMap } from "../common/is-map.ts";
import { type Checker } from "./checker.ts";
import type { ScheduledAnomaly } from "./types.ts";
import { durationValue, numberAtLeast, type Parser } from "../common/values.ts";
import { closest } from "../common/suggest.ts";
import { SCENARIO_LIMITS } from "./scenario-limits.ts";
// Pure data and checks, shared with stdin and the engine so the three cannot drift apart.
import { anomalyParamProblems, SHARE_PROBLEM, shareInRange, type AnomalyField } from "../common/anomaly-limits.ts";
import type { MagnitudeRange } from "../common/anomaly-limits.ts";

const ENTRY_KEYS = ["at", "inject"] as const;
const FILE_KEYS: Record<AnomalyField, string> = { share: "share", durationMs: "for", magnitude: "magnitude" };
const INJECT_KEYS = ["kind", "share", "for", "magnitude", "topic"] as const;

/** "5%" or 0.05 (a share of devices, above 0 and at most 1). */
export const shareValue: Parser<number> = (raw) => {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  const m = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(text);
  const value = m?.[1] === undefined ? NaN : Number(m[1]) / (m[2] ? 100 : 1);
  return shareInRange(value) ? { ok: true, value } : { ok: false, problem: SHARE_PROBLEM };
};

export interface KindDefaults {
  name: string;
  defaultShare: number;
  defaultDurationMs: number;
  magnitudeMeaning: string;
  magnitudeRange?: MagnitudeRange;
}

export function checkTimeline(raw: unknown, kinds: readonly KindDefaults[], check: Checker): ScheduledAnomaly[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    check.reject(
      "timeline",
      "must be a list of entries like {at: 30s, inject: {kind: spike, share: 5%, for: 1m}}",
      raw,
    );
    return [];
  }
  if (raw.length > SCENARIO_LIMITS.timelineEntries) {
    check.reject("timeline", `has ${raw.length} entries; at most ${SCENARIO_LIMITS.timelineEntries}`);
    return [];
  }
  const out: ScheduledAnomaly[] = [];
  raw.forEach((entry: unknown, i) => {
    const where = `timeline[${i}]`;
    if (!isMap(entry)) return check.reject(where, "must be a map with at and inject", entry);
    check.unknownKeys(entry, ENTRY_KEYS, where);
    const atMs = check.optional(entry, "at", `${where}.at`, durationValue({ minMs: 0 }));
    if (entry["at"] === undefined) check.reject(`${where}.at`, "required (when to inject, e.g. 30s after the start)");
    const inject = entry["inject"];
    if (!isMap(inject))
      return check.reject(`${where}.inject`, "required: a map like {kind: spike, share: 5%, for: 1m}", inject);
    check.unknownKeys(inject, INJECT_KEYS, `${where}.inject`);
    const kindName = typeof inject["kind"] === "string" ? inject["kind"].toLowerCase() : undefined;
    const kind = kinds.find((k) => k.name === kindName);
    if (!kind) {
      const guess = kindName
        ? closest(
            kindName,
            kinds.map((k) => k.name),
          )
        : undefined;
      const hint = guess ? ` (did you mean "${guess}"?)` : ` (one of: ${kinds.map((k) => k.name).join(", ")})`;
      check.reject(`${where}.inject.kind`, `must name an anomaly kind${hint}`, inject["kind"]);
    }
    const share = check.optional(inject, "share", `${where}.inject.share`, shareValue) ?? kind?.defaultShare;
    const durationMs =
      check.optional(inject, "for", `${where}.inject.for`, durationValue({ minMs: 1 })) ?? kind?.defaultDurationMs;
    const magnitude = check.optional(
      inject,
      "magnitude",
      `${where}.inject.magnitude`,
      numberAtLeast(-Infinity, "a number"),
    );
    // The ranges every source shares (stdin, keys, the engine itself).
    const inRange = kind
      ? anomalyParamProblems(kind, { share, durationMs, ...(magnitude !== undefined ? { magnitude } : {}) })
      : [];
    for (const { field, problem } of inRange)
      check.reject(`${where}.inject.${FILE_KEYS[field]}`, problem, inject[FILE_KEYS[field]]);
    const topic = typeof inject["topic"] === "string" ? inject["topic"] : undefined;
    if (inject["topic"] !== undefined && topic === undefined)
      check.reject(`${where}.inject.topic`, "must be a topic role or name", inject["topic"]);
    if (atMs === undefined || !kind || share === undefined || durationMs === undefined || inRange.length > 0) return;
    out.push({
      atMs,
      kind: kind.name,
      share,
      durationMs,
      ...(magnitude !== undefined ? { magnitude } : {}),
      ...(topic ? { topic } : {}),
    });
  });
  return out.sort((a, b) => a.atMs - b.atMs);
}
