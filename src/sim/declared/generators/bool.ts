/** bool: true with a probability. */
import type { GeneratorSpec } from "../spec.ts";
import { lit } from "./common.ts";

export const bool: GeneratorSpec = {
  name: "bool",
  doc: "true with probability `p`, else false; per event, or fixed per device with `per: device`.",
  scope: "either",
  output: "boolean",
  params: { p: { type: "number", min: 0, max: 1, default: 0.5, doc: "chance of true" } },
  example: { p: 0.1 },
  compile: (p, c) => ({ body: `${c.v} = ${c.rng}.next() < ${lit(p["p"] as number)};` }),
};
