/** mac: a MAC address, fixed per device. */
import type { GeneratorSpec } from "../spec.ts";

export const mac: GeneratorSpec = {
  name: "mac",
  doc: "A MAC address (lower-case hex, colon-separated), fixed per device; `prefix` sets the vendor OUI.",
  scope: "device",
  output: "string",
  params: {
    prefix: {
      type: "string",
      pattern: /^([0-9a-f]{2}:){0,5}[0-9a-f]{2}$|^$/i,
      what: "hex pairs like 00:1a:2b",
      default: "02:00:00",
      doc: "first bytes (OUI)",
    },
  },
  example: { prefix: "00:1a:2b" },
  compile: (p, c) => {
    const prefix = String(p["prefix"]).toLowerCase();
    const bytes = 6 - (prefix === "" ? 0 : prefix.split(":").length);
    const hex = c.local("hex");
    return {
      body: `{ let ${hex} = ${JSON.stringify(prefix)}; for (let i = 0; i < ${bytes}; i++) ${hex} += (${hex} === "" ? "" : ":") + pad(${c.rng}.int(256).toString(16), 2); ${c.v} = ${hex}; }`,
      json: `'"' + ${c.v} + '"'`,
    };
  },
};
