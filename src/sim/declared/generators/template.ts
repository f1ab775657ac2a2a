/** template: a string built from other fields, e.g. "{site}/{device_id}". */
import type { GeneratorSpec } from "../spec.ts";
import { templatePaths, templateCode } from "../template.ts";

export const template: GeneratorSpec = {
  name: "template",
  doc: "A string from a template over the event's other fields: {path.to.field}, {index}, {number:04}.",
  scope: "event",
  output: "string",
  params: { template: { type: "template", required: true, doc: "text with {field} placeholders" } },
  example: { template: "{number}-of-fleet" },
  refs: (p) => templatePaths(String(p["template"])),
  compile: (p, c) => ({ body: `${c.v} = ${templateCode(String(p["template"]), c)};` }),
};
