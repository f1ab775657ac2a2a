/** regex: text that matches a regular expression (a JSON Schema `pattern`). */
import { indexedDraw, regexDraw, type RegexDraw } from "../../regex-string.ts";
import type { GeneratorSpec } from "../spec.ts";

export const regex: GeneratorSpec = {
  name: "regex",
  doc: "Text matching `pattern`, a regular expression (JSON Schema's dialect): classes, ranges, \\d \\w \\s, groups, alternatives and repeats; the whole text matches. Back-references and look-arounds are refused. With `per: device`, drawn by device index: no two devices share a text while there are fewer devices than texts.",
  scope: "either",
  perDefault: "event",
  output: "string",
  params: {
    pattern: { type: "string", required: true, doc: 'a regular expression, e.g. "^TRL-[0-9]{6}$"' },
  },
  example: { pattern: "^TRL-[0-9]{6}$" },
  check: (p) => {
    const d = regexDraw(String(p["pattern"]));
    return "problem" in d ? [`pattern: ${d.problem}`] : [];
  },
  compile: (p, c) => {
    const d = regexDraw(String(p["pattern"])) as RegexDraw;
    // Per device (the device's own random source): drawn by device index, so no two collide.
    if (c.rng === "DR") return { body: `${c.v} = ${c.constant(indexedDraw(d, String(p["pattern"])))}(${c.d});` };
    return { body: `${c.v} = ${c.constant(d)}((n) => ${c.rng}.int(n));` };
  },
};
