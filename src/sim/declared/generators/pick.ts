/** pick: one of a list of values, with weights. */
import type { GeneratorSpec } from "../spec.ts";
import { choicesType, choiceTables, type Choices } from "./choices.ts";

export const pick: GeneratorSpec = {
  name: "pick",
  doc: "One of `values`: a list (equal chances) or a map of value: weight. Per event, or fixed per device with `per: device` (a device's model, a room's type).",
  scope: "either",
  output: (p) => choicesType((p["values"] as Choices).values),
  params: { values: { type: "weights", required: true, doc: "list of values, or map of value: weight" } },
  example: { values: { ok: 90, degraded: 9, failed: 1 } },
  compile: (p, c) => {
    const { values, weights } = p["values"] as Choices;
    const { raw, json } = choiceTables(values);
    const total = weights.reduce((a, b) => a + b, 0);
    const cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w / total;
      cumulative[i] = sum;
    });
    const i = c.local("i");
    const cum = c.constant(cumulative);
    const uniform = weights.every((w) => w === weights[0]);
    const draw = uniform
      ? `const ${i} = ${c.rng}.int(${values.length});`
      : `const u${i} = ${c.rng}.next(); let ${i} = 0; while (${i} < ${values.length - 1} && u${i} >= ${cum}[${i}]) ${i}++;`;
    return {
      body: `${draw} ${c.v} = ${c.constant(raw)}[${i}]; ${c.v}_j = ${c.constant(json)}[${i}];`,
      json: `${c.v}_j`,
      locals: [`${c.v}_j`],
    };
  },
};
