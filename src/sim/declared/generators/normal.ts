/** normal: a Gaussian draw, optionally kept within [min, max]. */
import type { GeneratorSpec } from "../spec.ts";
import { DECIMALS, lit, ordered } from "./common.ts";

export const normal: GeneratorSpec = {
  name: "normal",
  doc: "A normal (Gaussian) draw N(mean, sd), clamped into [min, max] when given.",
  scope: "either",
  output: "number",
  params: {
    mean: { type: "number", default: 0, doc: "centre" },
    sd: { type: "number", min: 0, default: 1, doc: "standard deviation" },
    min: { type: "number", doc: "lowest value written (optional)" },
    max: { type: "number", doc: "highest value written (optional)" },
    decimals: DECIMALS,
  },
  example: { mean: 20, sd: 2, decimals: 1 },
  check: (p) => ordered(p, "min", "max"),
  compile: (p, c) => {
    let body = `${c.v} = ${lit(p["mean"] as number)} + ${lit(p["sd"] as number)} * gauss(${c.rng});`;
    if (typeof p["min"] === "number") body += ` if (${c.v} < ${lit(p["min"])}) ${c.v} = ${lit(p["min"])};`;
    if (typeof p["max"] === "number") body += ` if (${c.v} > ${lit(p["max"])}) ${c.v} = ${lit(p["max"])};`;
    return { body };
  },
};
