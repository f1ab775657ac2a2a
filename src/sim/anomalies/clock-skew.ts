import type { AnomalyKind } from "./kind.ts";

/**
 * Each affected device's clock is off by up to ±N seconds, a fixed amount per device (as a real
 * device with a bad RTC would be), ahead for some devices and behind for others.
 */
export const clockSkew: AnomalyKind = {
  name: "clock-skew",
  summary: "device clocks run up to ±N s off",
  scope: "devices",
  defaultShare: 0.05,
  defaultDurationMs: 60_000,
  defaultMagnitude: 120,
  magnitudeMeaning: "largest skew in seconds",
  magnitudeRange: { min: 0.001, max: 604_800 },
  timeShiftMs: (magnitude, device) => {
    // A fixed per-device fraction in [-1, 1) from a cheap integer hash.
    const h = Math.imul(device ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
    return Math.round(((h / 4294967296) * 2 - 1) * magnitude * 1000);
  },
};
