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
  compile: (p, c) => {
    // Serial 1..999999 as thousands + three digits from tables: number → string costs more.
    const thousands = c.constant(Array.from({ length: 1000 }, (_, i) => (i === 0 ? "" : String(i))));
    const three = c.constant(Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0")));
    const small = c.constant(Array.from({ length: 1000 }, (_, i) => String(i)));
    return {
      body: `{ const th = R.int(1000); ${c.v} = ${c.ref(String(p["of"])).code}_e + (th === 0 ? ${small}[1 + R.int(999)] : ${thousands}[th] + ${three}[R.int(1000)]); }`,
      json: `'"' + ${c.v} + '"'`,
    };
  },
};
