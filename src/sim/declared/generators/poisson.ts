/** poisson: counts of events in an interval. */
import type { GeneratorSpec } from "../spec.ts";
import { lit } from "./common.ts";

export const poisson: GeneratorSpec = {
  name: "poisson",
  doc: "A Poisson count with the given mean (arrivals per sample, people in a room).",
  scope: "either",
  output: "number",
  params: { mean: { type: "number", min: 0, max: 1e6, default: 1, doc: "mean count" } },
  example: { mean: 3 },
  compile: (p, c) => ({ body: `${c.v} = poisson(${c.rng}, ${lit(p["mean"] as number)});`, json: `String(${c.v})` }),
};
