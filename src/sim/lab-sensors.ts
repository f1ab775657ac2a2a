/** The lab's six sensor types (seed 001): physical range, normal band, unit. */

export interface LabSensorType {
  name: string;
  min: number;
  max: number;
  normalMin: number;
  normalMax: number;
  unit: string;
}

export const LAB_TYPES: readonly LabSensorType[] = [
  { name: "temperature", min: -20, max: 50, normalMin: 15, normalMax: 25, unit: "°C" },
  { name: "humidity", min: 0, max: 100, normalMin: 40, normalMax: 60, unit: "%" },
  { name: "pressure", min: 950, max: 1050, normalMin: 1000, normalMax: 1020, unit: "hPa" },
  { name: "vibration", min: 0, max: 10, normalMin: 0.1, normalMax: 1.0, unit: "g" },
  { name: "voltage", min: 200, max: 250, normalMin: 220, normalMax: 230, unit: "V" },
  { name: "current", min: 0, max: 20, normalMin: 1, normalMax: 5, unit: "A" },
];

/**
 * Anomaly bands. The original draws "high" from 1.5 × normal max up to max and "low" from min up
 * to 0.5 × normal min; for pressure and voltage those bounds fall outside the physical range
 * (1.5 × 1020 > 1050), so there the band starts half-way between the normal band and the limit.
 */
export function highBand(t: LabSensorType): readonly [number, number] {
  const lo = 1.5 * t.normalMax;
  return [lo < t.max ? lo : (t.normalMax + t.max) / 2, t.max];
}

export function lowBand(t: LabSensorType): readonly [number, number] {
  const hi = 0.5 * t.normalMin;
  return [t.min, hi > t.min ? hi : (t.min + t.normalMin) / 2];
}

export const LAB_MODELS = ["MODEL_01", "MODEL_02", "MODEL_03", "MODEL_04", "MODEL_05"] as const;
