/** zipf: a pick from a catalog where a few items are very popular (product lookups, URLs). */
import { readFileSync } from "node:fs";
import { ZipfSampler } from "../../zipf.ts";
import type { GeneratorSpec } from "../spec.ts";
import { choicesType, choiceTables } from "./choices.ts";

const MAX_ITEMS = 100_000;

/** The catalog of a `file` param: one item per non-empty line; throws with a one-line reason. */
export function catalogFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const items = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  if (items.length === 0 || items.length > MAX_ITEMS) throw new Error(`${path} must hold 1 to ${MAX_ITEMS} non-empty lines, got ${items.length}`);
  return items;
}

const itemsOf = (p: Readonly<Record<string, unknown>>): unknown[] => (Array.isArray(p["values"]) ? p["values"] : catalogFile(String(p["file"])));

export const zipf: GeneratorSpec = {
  name: "zipf",
  doc: "An item of a catalog by Zipf popularity: the first is the most popular, P(rank r) ∝ 1 / r^exponent. The catalog is `values` inline, or `file`: one item per line (a path from the current directory).",
  scope: "either",
  output: (p) => (Array.isArray(p["values"]) ? choicesType(p["values"]) : "string"),
  params: {
    values: { type: "list", maxItems: MAX_ITEMS, doc: "the catalog, most popular first" },
    file: { type: "string", pattern: /^[^\0]{1,4096}$/, what: "a file path", doc: "a text file with one item per line, most popular first (instead of values)" },
    exponent: { type: "number", min: 0, max: 4, default: 1.1, doc: "skew; 0 = uniform" },
  },
  example: { values: ["milk", "bread", "eggs", "tea", "jam"], exponent: 1.1 },
  check: (p) => {
    if ((p["values"] === undefined) === (p["file"] === undefined)) return ["values: give either values or file"];
    if (p["file"] === undefined) return [];
    try {
      catalogFile(String(p["file"]));
      return [];
    } catch (error) {
      return [`file: ${(error as Error).message}`];
    }
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
