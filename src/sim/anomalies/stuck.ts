import type { AnomalyKind } from "./kind.ts";

/** A frozen sensor keeps reporting its last value while the device stays online. */
export const stuck: AnomalyKind = {
  name: "stuck",
  summary: "sensors repeat their last reading",
  scope: "devices",
  defaultShare: 0.05,
  defaultDurationMs: 30_000,
  defaultMagnitude: 1,
  magnitudeMeaning: "unused",
  stuck: true,
};
