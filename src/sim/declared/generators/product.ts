/** product: a product record from a seeded catalog (GTIN-13 with check digit, price, brand...), Zipf-popular. */
import { Catalog } from "../../catalog.ts";
import type { GeneratorSpec } from "../spec.ts";
import { num } from "./common.ts";

export const product: GeneratorSpec = {
  name: "product",
  doc: "A product looked up by popularity (Zipf) in a catalog generated once per run from the seed: {sku, gtin (GTIN-13 with a valid check digit), name, brand, category, price, currency, size}. An `itemEpc` field can name the unit scanned.",
  scope: "event",
  output: "json",
  params: {
    products: { type: "number", min: 1, max: 99999, integer: true, default: 500, doc: "products in the catalog" },
    zipfExponent: { type: "number", min: 0, max: 4, default: 1.1, doc: "skew of popularity (0 = uniform)" },
    currency: {
      type: "string",
      pattern: /^[A-Z]{3}$/,
      what: "an ISO 4217 code like USD",
      default: "USD",
      doc: "catalog currency",
    },
    companyPrefix: {
      type: "string",
      pattern: /^\d{6,11}$/,
      what: "6-11 digits",
      default: "0614141",
      doc: "GS1 company prefix of the GTINs",
    },
  },
  example: { products: 50, currency: "EUR" },
  check: (p) => {
    const max = 10 ** (12 - String(p["companyPrefix"]).length) - 1;
    return num(p, "products") > max
      ? [`products: at most ${max} products fit GTIN-13 item references after the company prefix`]
      : [];
  },
  compile: (p, c) => {
    const catalog = new Catalog(
      {
        products: num(p, "products"),
        zipfExponent: num(p, "zipfExponent"),
        currency: String(p["currency"]),
        companyPrefix: String(p["companyPrefix"]),
      },
      c.random(),
    );
    const k = c.constant(catalog);
    // _e: the SGTIN of one unit of this product up to its serial, for an itemEpc field.
    return {
      body: `{ const i = ${k}.pick(R); ${c.v} = ${k}.records[i]; ${c.v}_e = ${k}.itemEpcPrefixes[i]; }`,
      locals: [`${c.v}_e`],
    };
  },
};
