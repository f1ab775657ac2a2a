/** Field checks of industrial records ("data" and "alerts" roles). */
import { SENSORS, warningLevel } from "../industrial-sensors.ts";
import { EPOCH_MS, expectBoolean, expectNumber, expectObject, expectString } from "./fields.ts";

export interface IndustrialCheckOptions {
  /** Alarm thresholds in SENSORS order, when the scenario overrides the defaults. */
  alarms?: readonly number[];
}

const DEVICE_ID = /^device_\d{3,}$/;
const SENSOR_KEYS = ["temperature", "humidity", "pressure", "switch_status", "current"] as const;

function checkLocation(v: unknown, path: string, out: string[]): void {
  const loc = expectObject(v, path, ["building", "floor", "room"], out);
  if (loc === undefined) return;
  expectString(loc, "building", path, /^Building [A-Z]+$/, out);
  const floor = expectNumber(loc, "floor", path, { min: 1, max: 200, integer: true }, out);
  const room = expectString(loc, "room", path, /^\d{3,5}$/, out);
  if (floor !== undefined && room !== undefined && Math.floor(Number(room) / 100) !== floor) {
    out.push(`${path}.room: ${room} is not on floor ${floor}`);
  }
}

/** Problems of one "device-data" event; [] when every field is present, typed and in range. */
export function checkIndustrialEvent(record: unknown, options: IndustrialCheckOptions = {}): string[] {
  const out: string[] = [];
  const e = expectObject(record, "", ["device_id", "timestamp", "location", "sensors", "device_info"], out);
  if (e === undefined) return out;
  expectString(e, "device_id", "", DEVICE_ID, out);
  expectNumber(e, "timestamp", "", EPOCH_MS, out);
  checkLocation(e["location"], "location", out);

  const sensors = expectObject(e["sensors"], "sensors", SENSOR_KEYS, out);
  if (sensors !== undefined) {
    SENSORS.forEach((s, i) => {
      const path = `sensors.${s.name}`;
      const reading = expectObject(sensors[s.name], path, ["value", "unit", "status"], out);
      if (reading === undefined) return;
      const v = expectNumber(reading, "value", path, { min: s.min, max: s.max, decimals: 2 }, out);
      expectString(reading, "unit", path, [s.unit], out);
      const status = expectString(reading, "status", path, ["normal", "warning", "alarm"], out);
      const alarm = options.alarms?.[i] ?? s.alarm;
      if (v !== undefined && status !== undefined) {
        const beyond = (level: number): boolean => s.direction * (v - level) > 0;
        const want = beyond(alarm) ? "alarm" : beyond(warningLevel(s.mean, alarm)) ? "warning" : "normal";
        if (status !== want) out.push(`${path}.status: "${status}" but value ${v} means "${want}"`);
      }
    });
    const sw = expectObject(sensors["switch_status"], "sensors.switch_status", ["value", "status"], out);
    if (sw !== undefined) {
      const on = expectBoolean(sw, "value", "sensors.switch_status", out);
      const status = expectString(sw, "status", "sensors.switch_status", ["on", "off"], out);
      if (on !== undefined && status !== undefined && (status === "on") !== on) {
        out.push(`sensors.switch_status.status: "${status}" but value is ${on}`);
      }
    }
  }

  const info = expectObject(e["device_info"], "device_info", ["model", "firmware", "battery", "signal_strength"], out);
  if (info !== undefined) {
    expectString(info, "model", "device_info", ["IOT-SENSOR-V2"], out);
    expectString(info, "firmware", "device_info", /^\d+\.\d+\.\d+$/, out);
    expectNumber(info, "battery", "device_info", { min: 0, max: 100, integer: true }, out);
    expectNumber(info, "signal_strength", "device_info", { min: -120, max: -1, integer: true }, out);
  }
  return out;
}

/** Problems of one "alerts" record. */
export function checkIndustrialAlert(record: unknown, options: IndustrialCheckOptions = {}): string[] {
  const out: string[] = [];
  const keys = ["device_id", "timestamp", "sensor", "value", "unit", "threshold", "condition", "severity", "location"];
  const a = expectObject(record, "", keys, out);
  if (a === undefined) return out;
  expectString(a, "device_id", "", DEVICE_ID, out);
  expectNumber(a, "timestamp", "", EPOCH_MS, out);
  const name = expectString(
    a,
    "sensor",
    "",
    SENSORS.map((s) => s.name),
    out,
  );
  const i = SENSORS.findIndex((s) => s.name === name);
  const s = SENSORS[i];
  const v = expectNumber(a, "value", "", { min: -1e6, max: 1e6, decimals: 2 }, out);
  const threshold = expectNumber(a, "threshold", "", { min: -1e6, max: 1e6 }, out);
  const condition = expectString(a, "condition", "", ["above", "below"], out);
  expectString(a, "severity", "", ["major", "critical"], out);
  checkLocation(a["location"], "location", out);
  if (s !== undefined) {
    expectString(a, "unit", "", [s.unit], out);
    const alarm = options.alarms?.[i] ?? s.alarm;
    if (threshold !== undefined && threshold !== alarm) out.push(`threshold: ${threshold}, expected ${alarm}`);
    const want = s.direction > 0 ? "above" : "below";
    if (condition !== undefined && condition !== want) out.push(`condition: "${condition}", expected "${want}"`);
    if (v !== undefined && !(s.direction * (v - alarm) > 0)) out.push(`value: ${v} does not cross ${alarm} (${want})`);
  }
  return out;
}
