/** meter: a monotonic counter of consumption (kWh, m³) that rolls over at a limit. */
import type { GeneratorSpec } from "../spec.ts";
import { DECIMALS, lit, num } from "./common.ts";

export const meter: GeneratorSpec = {
  name: "meter",
  doc: "A monotonic meter: grows by ratePerHour (±50 %) per simulated hour since the device's last event, rolls over to 0 at `resetAt` (the only time it goes down). Stuck devices repeat their reading.",
  scope: "event",
  output: "number",
  params: {
    ratePerHour: { type: "number", min: 0, default: 1, doc: "mean growth per simulated hour" },
    resetAt: { type: "number", min: 1, default: 100000, doc: "rolls over to 0 here" },
    decimals: { ...DECIMALS, default: 3 },
  },
  example: { ratePerHour: 0.4, resetAt: 100000, decimals: 3 },
  compile: (p, c) => {
    const value = c.state("f64", NaN);
    const last = c.state("f64", NaN);
    const reset = lit(num(p, "resetAt"));
    const f = 10 ** c.decimals;
    return {
      body: `{ const h = clock.hours(${c.t}); let x = ${value}[${c.at}];
  if (x !== x) x = R.next() * ${reset};
  else if (!fx.stuck) { const dt = h - ${last}[${c.at}]; if (dt > 0) x += ${lit(num(p, "ratePerHour"))} * dt * (0.5 + R.next()); if (x >= ${reset}) x -= ${reset}; }
  ${value}[${c.at}] = x; ${last}[${c.at}] = h; ${c.v} = Math.floor(x * ${f}) / ${f}; }`,
    };
  },
};
