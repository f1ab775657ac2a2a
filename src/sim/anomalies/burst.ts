import type { AnomalyKind } from "./kind.ts";

/** The whole fleet speaks at once: the target rate is multiplied for a while. */
export const burst: AnomalyKind = {
  name: "burst",
  summary: "the fleet's rate is multiplied by N",
  scope: "fleet",
  defaultShare: 1,
  defaultDurationMs: 10_000,
  defaultMagnitude: 3,
  magnitudeMeaning: "× target rate",
  magnitudeRange: { min: 0.1, max: 100 },
  rateMultiplier: (magnitude) => magnitude,
};
