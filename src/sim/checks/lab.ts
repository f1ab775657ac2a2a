/** Field checks of lab "sensor-data" records. */
import { LAB_MODELS, LAB_TYPES } from "../lab-sensors.ts";
import { LAB_LOCATIONS } from "../locations.ts";
import { expectIsoTimestamp, expectNumber, expectObject, expectString } from "./fields.ts";

export interface LabCheckOptions {
  /** The scenario's location list, when it overrides the default twelve. */
  locations?: readonly string[];
  /** The scenario's noise amplitude (default 0.1). */
  noise?: number;
}

const SENSOR_ID = /^sensor_(\d{4,})$/;

export function checkLabEvent(record: unknown, options: LabCheckOptions = {}): string[] {
  const out: string[] = [];
  const locations = options.locations ?? LAB_LOCATIONS;
  const noise = options.noise ?? 0.1;
  const keys = ["sensor_id", "sensor_type", "value", "location", "timestamp", "status", "metadata"];
  const e = expectObject(record, "", keys, out);
  if (e === undefined) return out;
  const id = expectString(e, "sensor_id", "", SENSOR_ID, out);
  const typeName = expectString(
    e,
    "sensor_type",
    "",
    LAB_TYPES.map((t) => t.name),
    out,
  );
  const location = expectString(e, "location", "", locations, out);
  expectIsoTimestamp(e, "timestamp", "", out);
  const status = expectString(e, "status", "", ["normal", "anomaly"], out);
  const type = LAB_TYPES.find((t) => t.name === typeName);

  // Type and location are fixed by the sensor number, as in the original.
  const number = Number(SENSOR_ID.exec(id ?? "")?.[1] ?? NaN);
  if (Number.isInteger(number)) {
    const wantType = LAB_TYPES[number % LAB_TYPES.length]?.name;
    if (typeName !== undefined && typeName !== wantType)
      out.push(`sensor_type: "${typeName}" but ${id} is a ${wantType} sensor`);
    const wantLocation = locations[number % locations.length];
    if (location !== undefined && location !== wantLocation)
      out.push(`location: "${location}" but ${id} is at ${wantLocation}`);
  }

  if (type !== undefined) {
    const v = expectNumber(e, "value", "", { min: type.min, max: type.max, decimals: 2 }, out);
    const slack = noise + 0.005;
    if (v !== undefined && status === "normal" && (v < type.normalMin - slack || v > type.normalMax + slack)) {
      out.push(`value: ${v} is "normal" but outside the normal band ${type.normalMin}..${type.normalMax} ± ${noise}`);
    }
  }

  const meta = expectObject(e["metadata"], "metadata", ["unit", "sensor_model", "battery_level"], out);
  if (meta !== undefined) {
    expectString(meta, "unit", "metadata", type === undefined ? LAB_TYPES.map((t) => t.unit) : [type.unit], out);
    expectString(meta, "sensor_model", "metadata", LAB_MODELS, out);
    expectNumber(meta, "battery_level", "metadata", { min: 20, max: 100, decimals: 1 }, out);
  }
  return out;
}
