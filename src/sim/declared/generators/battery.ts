/** battery: charge that drains with simulated time and jumps back to full when swapped. */
import { FleetBattery } from "../../battery.ts";
import type { GeneratorSpec } from "../spec.ts";
import { DECIMALS, num, ordered } from "./common.ts";

export const battery: GeneratorSpec = {
  name: "battery",
  doc: "Battery charge (%): drains with simulated time (--time-scale) at ±40 % of the mean pace per device and is replaced by a full one at `empty`; devices start at random points of their cycle.",
  scope: "event",
  output: "number",
  params: {
    days: { type: "number", min: 0.001, max: 3650, default: 30, doc: "mean simulated days from full to empty" },
    full: { type: "number", min: 0, max: 100000, default: 100, doc: "charge of a fresh battery" },
    empty: { type: "number", min: 0, max: 100000, default: 5, doc: "charge at which it is replaced" },
    decimals: { ...DECIMALS, default: 0 },
  },
  example: { days: 30, empty: 5 },
  check: (p) => ordered(p, "empty", "full"),
  compile: (p, c) => {
    const b = c.constant(
      new FleetBattery(
        c.entries,
        { full: num(p, "full"), empty: num(p, "empty"), lifeHours: num(p, "days") * 24 },
        c.random(),
      ),
    );
    return { body: `${c.v} = ${b}.level(${c.at}, clock.hours(${c.t}));` };
  },
};
