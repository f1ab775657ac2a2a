/** nth: a value from a list by device position (round-robin assignment: type, location, camera). */
import type { GeneratorSpec } from "../spec.ts";
import { choicesType, choiceTables } from "./choices.ts";

export const nth: GeneratorSpec = {
  name: "nth",
  doc: "A value from `values` by device: values[index mod length] (or number mod length with `by: number`), so devices take the list in turn; fixed per device.",
  scope: "device",
  direct: true,
  output: (p) => choicesType(p["values"] as unknown[]),
  params: {
    values: { type: "list", maxItems: 100000, required: true, doc: "the values taken in turn" },
    by: { type: "enum", values: ["index", "number"], default: "index", doc: "index (from 0) or number (index + 1)" },
  },
  example: { values: ["north", "south", "east"] },
  compile: (p, c) => {
    const values = p["values"] as unknown[];
    const { raw, json } = choiceTables(values);
    const i = `(${p["by"] === "number" ? `${c.d} + 1` : c.d}) % ${values.length}`;
    return { body: `${c.v} = ${c.constant(raw)}[${i}];`, json: `${c.constant(json)}[${i}]` };
  },
};
