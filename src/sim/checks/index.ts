/**
 * Per-scenario record checks: every field present, typed and in range per docs/scenarios.md.
 * Each returns the problems of one decoded record ([] = fine). Ranges are the healthy ones:
 * records of devices under injected anomalies may leave them on purpose.
 */
import { checkCamerasEvent } from "./cameras.ts";
import { checkIndustrialAlert, checkIndustrialEvent } from "./industrial.ts";
import { checkLabEvent } from "./lab.ts";
import { checkRetailPriceEvent, checkRetailTemperatureEvent } from "./retail.ts";

export { checkCamerasEvent, type CamerasCheckOptions } from "./cameras.ts";
export { checkIndustrialAlert, checkIndustrialEvent, type IndustrialCheckOptions } from "./industrial.ts";
export { checkLabEvent, type LabCheckOptions } from "./lab.ts";
export { checkRetailPriceEvent, checkRetailTemperatureEvent } from "./retail.ts";

export type RecordCheck = (record: unknown) => string[];

/** model name → topic role → check with default options. */
export const recordChecks: Readonly<Record<string, Readonly<Record<string, RecordCheck>>>> = {
  industrial: { data: (r) => checkIndustrialEvent(r), alerts: (r) => checkIndustrialAlert(r) },
  retail: { temperature: checkRetailTemperatureEvent, price: checkRetailPriceEvent },
  lab: { data: (r) => checkLabEvent(r) },
  cameras: { events: (r) => checkCamerasEvent(r) },
};
