/** itemEpc: the SGTIN-96 URN of the unit of a `product` field that was scanned (a random serial). */
import type { GeneratorSpec } from "../spec.ts";

export const itemEpc: GeneratorSpec = {
  name: "itemEpc",
  doc: "The SGTIN-96 URN of one unit of the product in a `product` field (same GTIN, indicator 0) with a random serial 1-999999.",
  scope: "event",
  output: "string",
  params: { of: { type: "path", required: true, doc: "the product field" } },
  example: { of: "item" },
  refs: (p) => (typeof p["of"] === "string" ? [p["of"]] : []),
  refGenerators: { of: ["product"] },
  compile: (p, c) => ({ body: `${c.v} = ${c.ref(String(p["of"])).code}_e + (1 + R.int(999999));`, json: `'"' + ${c.v} + '"'` }),
};
