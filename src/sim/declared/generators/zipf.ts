/** zipf: a pick from a catalog where a few items are very popular (product lookups, URLs). */
import { ZipfSampler } from "../../zipf.ts";
import type { GeneratorSpec } from "../spec.ts";
import { choicesType, choiceTables } from "./choices.ts";

const MAX_ITEMS = 100_000;

const itemsOf = (p: Readonly<Record<string, unknown>>): unknown[] => (Array.isArray(p["values"]) ? p["values"] : []);

export const zipf: GeneratorSpec = {
  name: "zipf",
  doc: "An item of a catalog by Zipf popularity: the first is the most popular, P(rank r) ∝ 1 / r^exponent. The catalog is `values` inline, or `file`: one item per line (a path from the current directory).",
  scope: "either",
  output: (p) => (Array.isArray(p["values"]) ? choicesType(p["values"]) : "string"),
  params: {
    values: { type: "list", maxItems: MAX_ITEMS, doc: "the catalog, most popular first" },
    file: {
      type: "string",
      pattern: /^[^\0]{1,4096}$/,
      what: "a file path",
      doc: "a text file with one item per line, most popular first (instead of values)",
    },
    exponent: { type: "number", min: 0, max: 4, default: 1.1, doc: "skew; 0 = uniform" },
  },
  example: { values: ["milk", "bread", "eggs", "tea", "jam"], exponent: 1.1 },
  check: (p) => {
    if ((p["values"] === undefined) === (p["file"] === undefined)) return ["values: give either values or file"];
    // The scenario loader (src/config/fleet-files.ts) turns file into values before this runs.
    if (p["file"] !== undefined)
      return ["file: catalog files are read when a scenario file is loaded; give values here"];
    return [];
  },
  compile: (p, c) => {
    const values = itemsOf(p);
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
