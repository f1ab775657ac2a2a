import type { AnomalyKind } from "./kind.ts";

/** Events arrive stamped N seconds in the past: out of order in event time. */
export const late: AnomalyKind = {
  name: "late",
  summary: "events carry timestamps N s in the past (out of order)",
  scope: "devices",
  defaultShare: 0.05,
  defaultDurationMs: 20_000,
  defaultMagnitude: 30,
  magnitudeMeaning: "seconds in the past",
  magnitudeRange: { min: 0.001, max: 604_800 },
  timeShiftMs: (magnitude) => -magnitude * 1000,
};
