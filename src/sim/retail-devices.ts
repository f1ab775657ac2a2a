/** Retail device kinds and temperature zones (seed 000). */

export const KIND_TEMPERATURE = 0;
/** Index = kind code; index 0 is the temperature sensor, the others look prices up. */
export const DEVICE_KINDS = ["temperature_sensor", "shelf", "scanner", "kiosk"] as const;
/** Share of price-lookup devices that are shelves, scanners, kiosks. */
export const LOOKUP_MIX = [0.5, 0.3, 0.2] as const;

export interface Zone {
  name: string;
  /** Celsius. Readings are AR(1) around mean with stationary standard deviation sd. */
  mean: number;
  sd: number;
  /** Normal band (drift is a fraction of its width) and physical range (healthy clamp). */
  bandMin: number;
  bandMax: number;
  min: number;
  max: number;
  /** Share of temperature sensors in this zone. */
  share: number;
  /** Peak warming of a defrost cycle (°C); 0 = the zone has none (ambient follows the day). */
  defrostRise: number;
}

export const ZONES: readonly Zone[] = [
  { name: "ambient", mean: 21, sd: 1, bandMin: 18, bandMax: 24, min: 5, max: 40, share: 0.4, defrostRise: 0 },
  { name: "chiller", mean: 3.5, sd: 0.7, bandMin: 1, bandMax: 5, min: -5, max: 15, share: 0.4, defrostRise: 3 },
  { name: "freezer", mean: -20, sd: 1.2, bandMin: -24, bandMax: -16, min: -35, max: 0, share: 0.2, defrostRise: 6 },
];

/** Whole physical range over all zones, in Celsius (for checks). */
export const RETAIL_TEMP_MIN_C = -35;
export const RETAIL_TEMP_MAX_C = 40;

/** A defrost lasts this long (simulated hours): the coil heats, then the compressor catches up. */
export const DEFROST_HOURS = 0.5;

/**
 * Warming (°C) of a chiller or freezer `hours` into its defrost schedule: a half sine of
 * `rise` during the first DEFROST_HOURS of every `everyHours`, else 0.
 */
export function defrostOffset(hours: number, everyHours: number, rise: number): number {
  if (rise <= 0 || everyHours <= 0) return 0;
  let pos = hours % everyHours;
  if (pos < 0) pos += everyHours;
  return pos < DEFROST_HOURS ? rise * Math.sin((Math.PI * pos) / DEFROST_HOURS) : 0;
}
