/** id: a device id formatted from the device index, e.g. dev-{number:05} → dev-00001. */
import type { GeneratorSpec } from "../spec.ts";
import { templateCode } from "../template.ts";

export const id: GeneratorSpec = {
  name: "id",
  doc: "A device id from a template: {index} is 0-based, {number} is index + 1; {number:05} pads with zeros to 5 digits; with `modulo` the index wraps (a store, a gateway shared by devices), scaled with --devices so pairings hold. Inside a group's fields, the group's index and number.",
  scope: "device",
  output: "string",
  params: {
    format: {
      type: "template",
      default: "device-{number:05}",
      doc: "template with {index} / {number} (and other device-fixed fields)",
    },
    modulo: {
      type: "number",
      min: 1,
      integer: true,
      doc: "index counts modulo this (store-{number:03} over 50 stores); scales with --devices against the scenario's devices",
    },
  },
  example: { format: "dev-{number:05}" },
  refs: () => [],
  compile: (p, c) => {
    const m = p["modulo"];
    const d = typeof m === "number" ? `(${c.d} % ${Math.max(1, Math.round(m * c.deviceScale))})` : c.d;
    return { body: `${c.v} = ${templateCode(String(p["format"]), { ...c, d })};` };
  },
};
