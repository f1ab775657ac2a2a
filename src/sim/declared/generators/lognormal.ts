/** lognormal: exp of a normal draw: positive, right-skewed (response times, file sizes). */
import type { GeneratorSpec } from "../spec.ts";
import { DECIMALS, lit } from "./common.ts";

export const lognormal: GeneratorSpec = {
  name: "lognormal",
  doc: "A log-normal draw: median × exp(sigma × N(0, 1)); positive and right-skewed.",
  scope: "either",
  output: "number",
  params: {
    median: { type: "number", min: 0, default: 1, doc: "median value" },
    sigma: { type: "number", min: 0, max: 10, default: 0.5, doc: "spread of the logarithm" },
    decimals: DECIMALS,
  },
  example: { median: 120, sigma: 0.4, decimals: 0 },
  compile: (p, c) => ({
    body: `${c.v} = ${lit(p["median"] as number)} * Math.exp(${lit(p["sigma"] as number)} * gauss(${c.rng}));`,
  }),
};
