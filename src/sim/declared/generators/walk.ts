/** walk: a mean-reverting random walk (Ornstein-Uhlenbeck steps): slow wandering around a mean. */
import type { GeneratorSpec } from "../spec.ts";
import { DECIMALS, lit, num, ordered } from "./common.ts";
import { readingCode } from "./reading-tail.ts";

export const walk: GeneratorSpec = {
  name: "walk",
  doc: "A mean-reverting random walk: each event moves the device's value toward `mean` by `reversion` and adds noise, so it wanders with spread `sd`; spike / drift / stuck anomalies apply.",
  scope: "event",
  output: "number",
  reading: true,
  params: {
    mean: { type: "number", required: true, doc: "long-run centre" },
    sd: { type: "number", min: 0, default: 1, doc: "long-run spread around the mean" },
    reversion: {
      type: "number",
      min: 0.001,
      max: 1,
      default: 0.05,
      doc: "share of the distance to the mean closed per event",
    },
    min: { type: "number", required: true, doc: "lowest value" },
    max: { type: "number", required: true, doc: "highest value" },
    decimals: DECIMALS,
  },
  example: { mean: 50, sd: 5, reversion: 0.1, min: 0, max: 100, decimals: 1 },
  check: (p) => ordered(p, "min", "max"),
  compile: (p, c) => {
    const x = c.state("f64", NaN);
    const keep = 1 - num(p, "reversion");
    const mean = c.local("m");
    const step = num(p, "sd") * Math.sqrt(1 - keep * keep);
    const sample = `let x = ${x}[${c.at}]; if (x !== x) x = ${mean} + ${lit(num(p, "sd"))} * gauss(R);
    x = ${mean} + (x - ${mean}) * ${lit(keep)} + ${lit(step)} * gauss(R); ${x}[${c.at}] = x; ${c.v} = x;`;
    return {
      body: readingCode(c, mean, lit(num(p, "mean")), sample, {
        min: num(p, "min"),
        max: num(p, "max"),
        width: num(p, "max") - num(p, "min"),
      }),
    };
  },
};
