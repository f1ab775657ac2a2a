/** signal: received signal strength (dBm) with per-device distance, slow fading and jitter. */
import { FleetSignal } from "../../signal.ts";
import type { GeneratorSpec } from "../spec.ts";
import { num, ordered } from "./common.ts";

export const signal: GeneratorSpec = {
  name: "signal",
  doc: "Signal strength in whole dBm: a fixed base per device between `weakest` and `strongest`, slow fading around it (±4 dB) and ±3 dB of jitter, within -120..-30.",
  scope: "event",
  output: "number",
  params: {
    strongest: { type: "number", min: -120, max: -30, integer: true, default: -40, doc: "best base (dBm)" },
    weakest: { type: "number", min: -120, max: -30, integer: true, default: -90, doc: "worst base (dBm)" },
  },
  example: { strongest: -50, weakest: -95 },
  check: (p) => ordered(p, "weakest", "strongest"),
  compile: (p, c) => {
    const s = c.constant(new FleetSignal(c.entries, c.random(), num(p, "strongest"), num(p, "weakest")));
    return { body: `${c.v} = ${s}.next(${c.at}, R);`, json: `String(${c.v})` };
  },
};
