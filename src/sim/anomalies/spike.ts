import type { AnomalyKind } from "./kind.ts";

/** Readings jump to several times their usual deviation, crossing alert thresholds. */
export const spike: AnomalyKind = {
  name: "spike",
  summary: "readings jump to N× their usual deviation",
  scope: "devices",
  defaultShare: 0.05,
  defaultDurationMs: 10_000,
  defaultMagnitude: 4,
  magnitudeMeaning: "× deviation from the mean",
  magnitudeRange: { min: 0.1, max: 100 },
  scale: (magnitude) => magnitude,
};
