/** uuid: a random version-4 UUID, stable per device by default. */
import type { GeneratorSpec } from "../spec.ts";

export const uuid: GeneratorSpec = {
  name: "uuid",
  doc: "A version-4 UUID; fixed per device unless `per: event`.",
  scope: "either",
  perDefault: "device",
  output: "string",
  params: {},
  example: {},
  compile: (_p, c) => ({ body: `${c.v} = uuid(${c.rng});`, json: `'"' + ${c.v} + '"'` }),
};
