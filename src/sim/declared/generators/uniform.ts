/** uniform: a number drawn uniformly from [min, max). */
import type { GeneratorSpec } from "../spec.ts";
import { DECIMALS, lit, ordered } from "./common.ts";

export const uniform: GeneratorSpec = {
  name: "uniform",
  doc: "A number uniform in [min, max); per event, or fixed per device with `per: device`.",
  scope: "either",
  output: "number",
  params: {
    min: { type: "number", default: 0, doc: "lowest value" },
    max: { type: "number", default: 1, doc: "highest value (excluded)" },
    decimals: DECIMALS,
  },
  example: { min: 10, max: 20, decimals: 1 },
  check: (p) => ordered(p, "min", "max"),
  compile: (p, c) => ({
    body: `${c.v} = ${lit(p["min"] as number)} + ${lit((p["max"] as number) - (p["min"] as number))} * ${c.rng}.next();`,
  }),
};
