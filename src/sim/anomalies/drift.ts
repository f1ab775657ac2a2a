import type { AnomalyKind } from "./kind.ts";

/** A slow calibration drift: the offset grows linearly to `magnitude` × range by the end. */
export const drift: AnomalyKind = {
  name: "drift",
  summary: "readings drift away, growing to N × the normal range",
  scope: "devices",
  defaultShare: 0.05,
  defaultDurationMs: 60_000,
  defaultMagnitude: 0.5,
  magnitudeMeaning: "final offset as a fraction of the normal range",
  magnitudeRange: { min: 0.01, max: 10 },
  drift: (magnitude, progress) => magnitude * progress,
};
