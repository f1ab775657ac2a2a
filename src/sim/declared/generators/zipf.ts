/** zipf: a pick from a catalog where a few items are very popular (product lookups, URLs). */
import { ZipfSampler } from "../../zipf.ts";
import type { GeneratorSpec } from "../spec.ts";
import { choicesType, choiceTables } from "./choices.ts";

export const zipf: GeneratorSpec = {
  name: "zipf",
  doc: "An item of `values` by Zipf popularity: the first is the most popular, P(rank r) ∝ 1 / r^exponent.",
  scope: "either",
  output: (p) => choicesType(p["values"] as unknown[]),
  params: {
    values: { type: "list", maxItems: 100000, required: true, doc: "the catalog, most popular first" },
    exponent: { type: "number", min: 0, max: 4, default: 1.1, doc: "skew; 0 = uniform" },
  },
  example: { values: ["milk", "bread", "eggs", "tea", "jam"], exponent: 1.1 },
  compile: (p, c) => {
    const values = p["values"] as unknown[];
    const { raw, json } = choiceTables(values);
    const sampler = c.constant(new ZipfSampler(values.length, p["exponent"] as number));
    const i = c.local("i");
    return {
      body: `const ${i} = ${sampler}.sample(${c.rng}); ${c.v} = ${c.constant(raw)}[${i}]; ${c.v}_j = ${c.constant(json)}[${i}];`,
      json: `${c.v}_j`,
      locals: [`${c.v}_j`],
    };
  },
};
