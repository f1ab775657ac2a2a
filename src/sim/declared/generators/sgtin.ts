/** sgtin: an SGTIN-96 EPC per device (pure-identity URN or 24 hex digits), serial = device number. */
import { sgtin96Hex, sgtinUrn } from "../../sgtin.ts";
import type { GeneratorSpec } from "../spec.ts";

export const sgtin: GeneratorSpec = {
  name: "sgtin",
  doc: "An SGTIN-96 EPC of the device: urn:epc:id:sgtin:CompanyPrefix.ItemRef.Serial (serial = device number), or its 96-bit hex form.",
  scope: "device",
  output: "string",
  params: {
    companyPrefix: {
      type: "string",
      pattern: /^\d{6,12}$/,
      what: "6-12 digits",
      default: "0614141",
      doc: "GS1 company prefix",
    },
    itemRef: {
      type: "string",
      pattern: /^\d{1,7}$/,
      what: "1-7 digits",
      default: "100000",
      doc: "indicator + item reference: 13 digits with the prefix",
    },
    encoding: {
      type: "enum",
      values: ["urn", "hex"],
      default: "urn",
      doc: "pure-identity URN or SGTIN-96 binary as hex",
    },
    filter: {
      type: "number",
      min: 0,
      max: 7,
      integer: true,
      default: 1,
      doc: "filter value of the hex form (1 = point of sale item)",
    },
  },
  example: { companyPrefix: "0614141", itemRef: "100000" },
  check: (p) => {
    const n = String(p["companyPrefix"]).length + String(p["itemRef"]).length;
    return n === 13 ? [] : [`itemRef: company prefix + item reference must have 13 digits, got ${n}`];
  },
  compile: (p, c) => {
    const urn = c.constant(sgtinUrn);
    const args = `${JSON.stringify(p["companyPrefix"])}, ${JSON.stringify(p["itemRef"])}, ${c.d} + 1`;
    const body =
      p["encoding"] === "hex"
        ? `${c.v} = ${c.constant(sgtin96Hex)}(${urn}(${args}), ${p["filter"]});`
        : `${c.v} = ${urn}(${args});`;
    return { body, json: `'"' + ${c.v} + '"'` };
  },
};
