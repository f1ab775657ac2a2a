/** exponential: waiting times and sizes with a given mean. */
import type { GeneratorSpec } from "../spec.ts";
import { DECIMALS, lit } from "./common.ts";

export const exponential: GeneratorSpec = {
  name: "exponential",
  doc: "An exponential draw with the given mean (time between arrivals, sizes).",
  scope: "either",
  output: "number",
  params: { mean: { type: "number", min: 0, default: 1, doc: "mean value" }, decimals: DECIMALS },
  example: { mean: 5, decimals: 2 },
  compile: (p, c) => ({ body: `${c.v} = -${lit(p["mean"] as number)} * Math.log(1 - ${c.rng}.next());` }),
};
