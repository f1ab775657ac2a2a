import type { AnomalyKind } from "./kind.ts";

/**
 * Devices fall silent. Their events are still built (sequence numbers advance) but never sent, so
 * `surge verify` sees the gap and the ground truth explains it.
 */
export const dropout: AnomalyKind = {
  name: "dropout",
  summary: "devices fall silent (events are not sent)",
  scope: "devices",
  defaultShare: 0.05,
  defaultDurationMs: 20_000,
  defaultMagnitude: 1,
  magnitudeMeaning: "unused",
  drop: true,
};
