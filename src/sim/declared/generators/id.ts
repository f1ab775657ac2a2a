/** id: a device id formatted from the device index, e.g. dev-{number:05} → dev-00001. */
import type { GeneratorSpec } from "../spec.ts";
import { templateCode } from "../template.ts";

export const id: GeneratorSpec = {
  name: "id",
  doc: "A device id from a template: {index} is 0-based, {number} is index + 1; {number:05} pads with zeros to 5 digits.",
  scope: "device",
  output: "string",
  params: {
    format: { type: "template", default: "device-{number:05}", doc: "template with {index} / {number} (and other device-fixed fields)" },
  },
  example: { format: "dev-{number:05}" },
  refs: () => [],
  compile: (p, c) => ({ body: `${c.v} = ${templateCode(String(p["format"]), c)};` }),
};
