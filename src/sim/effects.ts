/** How every model applies anomaly ValueEffects to a numeric reading. */
import type { ValueEffects } from "./types.ts";

/** True for the healthy case: readings are then clamped to the physical range. */
export function isHealthy(effects: ValueEffects): boolean {
  return effects.scale === 1 && effects.drift === 0 && !effects.stuck;
}

/**
 * Scale the deviation from the mean and add drift as a fraction of the normal range width.
 * Anomalies may leave the physical range on purpose, so no clamping here.
 */
export function applyEffects(mean: number, value: number, width: number, effects: ValueEffects): number {
  return mean + (value - mean) * effects.scale + effects.drift * width;
}

export function clamp(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}
