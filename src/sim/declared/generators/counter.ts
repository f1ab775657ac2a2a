/** counter: per-device counter, one step per event. */
import type { GeneratorSpec } from "../spec.ts";
import { lit } from "./common.ts";

export const counter: GeneratorSpec = {
  name: "counter",
  doc: "A per-device counter: `start` on the device's first event, + `step` on each next one, back to `start` after `max` (when set).",
  scope: "event",
  output: "number",
  params: {
    start: { type: "number", default: 0, doc: "first value" },
    step: { type: "number", default: 1, doc: "added per event" },
    max: { type: "number", doc: "wraps to start beyond this (optional)" },
  },
  example: { start: 1 },
  compile: (p, c) => {
    const s = c.state("f64", NaN);
    const start = lit(p["start"] as number);
    const wrap = typeof p["max"] === "number" ? ` if (${c.v} > ${lit(p["max"])}) ${c.v} = ${start};` : "";
    return {
      body: `${c.v} = ${s}[${c.at}]; ${c.v} = ${c.v} !== ${c.v} ? ${start} : ${c.v} + ${lit(p["step"] as number)};${wrap} ${s}[${c.at}] = ${c.v};`,
      json: `String(${c.v})`,
    };
  },
};
