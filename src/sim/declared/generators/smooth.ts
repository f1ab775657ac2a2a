/** smooth: an exponentially smoothed copy of another numeric field. */
import type { GeneratorSpec } from "../spec.ts";
import { DECIMALS, lit, num } from "./common.ts";

export const smooth: GeneratorSpec = {
  name: "smooth",
  doc: "Exponential smoothing of another numeric field: new = factor × previous + (1 - factor) × field (a moving average, a thermal lag).",
  scope: "event",
  output: "number",
  params: {
    of: { type: "path", required: true, doc: "the numeric field smoothed" },
    factor: { type: "number", min: 0, max: 0.999, default: 0.9, doc: "weight of the previous smoothed value" },
    decimals: DECIMALS,
  },
  example: { of: "power", factor: 0.8 },
  refs: (p) => (typeof p["of"] === "string" ? [p["of"]] : []),
  compile: (p, c) => {
    const s = c.state("f64", NaN);
    const x = c.ref(String(p["of"])).code;
    const a = num(p, "factor");
    return {
      body: `${c.v} = ${s}[${c.at}]; ${c.v} = ${c.v} !== ${c.v} ? ${x} : ${lit(a)} * ${c.v} + ${lit(1 - a)} * ${x}; ${s}[${c.at}] = ${c.v};`,
    };
  },
};
