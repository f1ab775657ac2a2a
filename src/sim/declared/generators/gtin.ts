/** gtin: a GTIN-13 with its GS1 check digit (item reference = device number or a random item). */
import { gtin13 } from "../../gtin.ts";
import type { GeneratorSpec } from "../spec.ts";

export const gtin: GeneratorSpec = {
  name: "gtin",
  doc: "A GTIN-13 with a valid GS1 check digit: `companyPrefix` + item reference (the device number, or a random item of `items` with `per: event`).",
  scope: "either",
  output: "string",
  params: {
    companyPrefix: {
      type: "string",
      pattern: /^\d{6,11}$/,
      what: "6-11 digits",
      default: "0614141",
      doc: "GS1 company prefix",
    },
    items: {
      type: "number",
      min: 1,
      max: 99999,
      integer: true,
      default: 1000,
      doc: "item references drawn from (per event)",
    },
  },
  example: { companyPrefix: "0614141" },
  check: (p) => {
    const digits = String(p["companyPrefix"]).length;
    return String(p["items"]).length > 12 - digits
      ? [`items: ${p["items"]} does not fit after a ${digits}-digit company prefix`]
      : [];
  },
  compile: (p, c) => {
    const f = c.constant(gtin13);
    const cp = JSON.stringify(p["companyPrefix"]);
    const digits = 12 - String(p["companyPrefix"]).length;
    const item = c.rng === "R" ? `(1 + R.int(${p["items"]}))` : `((${c.d} + 1) % ${10 ** digits})`;
    return { body: `${c.v} = ${f}(${cp}, ${item});`, json: `'"' + ${c.v} + '"'` };
  },
};
