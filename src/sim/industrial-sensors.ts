/** The industrial device's numeric sensors (spec: normal distributions, ranges, alarms). */

export interface NumericSensor {
  name: "temperature" | "humidity" | "pressure" | "current";
  unit: string;
  mean: number;
  sd: number;
  /** Physical range; healthy readings are clamped into it. */
  min: number;
  max: number;
  /** Default alarm threshold; +1 alarms above it, -1 below it. */
  alarm: number;
  direction: 1 | -1;
  /** Day/night swing in standard deviations (warm afternoons: drier air, more load). */
  day: number;
}

/** Order of the per-device state arrays (stride 4); JSON keeps the spec's order. */
export const SENSORS: readonly NumericSensor[] = [
  { name: "temperature", unit: "°C", mean: 25, sd: 5, min: -10, max: 60, alarm: 50, direction: 1, day: 1 },
  { name: "humidity", unit: "%", mean: 60, sd: 10, min: 0, max: 100, alarm: 20, direction: -1, day: -1 },
  { name: "pressure", unit: "hPa", mean: 1013, sd: 20, min: 950, max: 1050, alarm: 1040, direction: 1, day: 0 },
  { name: "current", unit: "A", mean: 2.5, sd: 0.5, min: 0, max: 10, alarm: 8, direction: 1, day: 1 },
];

/** Status reaches "warning" this far (fraction) of the way from the mean to the alarm threshold. */
export const WARNING_FRACTION = 0.8;

export function warningLevel(mean: number, alarm: number): number {
  return mean + (alarm - mean) * WARNING_FRACTION;
}

/** An alert is "critical" beyond half-way from the threshold to the physical limit, else "major". */
export function criticalLevel(sensor: NumericSensor, alarm: number): number {
  const limit = sensor.direction > 0 ? sensor.max : sensor.min;
  return alarm + (limit - alarm) / 2;
}
