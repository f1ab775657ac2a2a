import type { AnomalyKind } from "./kind.ts";

/** Each record is sent N extra times, with the same key, value and sequence number. */
export const duplicate: AnomalyKind = {
  name: "duplicate",
  summary: "records are sent N extra times",
  scope: "devices",
  defaultShare: 0.05,
  defaultDurationMs: 10_000,
  defaultMagnitude: 1,
  magnitudeMeaning: "extra copies of each record",
  magnitudeRange: { min: 1, max: 100, whole: true },
  extraCopies: (magnitude) => Math.max(1, Math.round(magnitude)),
};
