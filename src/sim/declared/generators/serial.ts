/** serial: a serial number from a pattern (# digit, A letter, X hex digit), fixed per device. */
import type { GeneratorSpec } from "../spec.ts";

const ALPHABETS: Readonly<Record<string, string>> = {
  "#": "0123456789",
  A: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  X: "0123456789ABCDEF",
};

/** One random character per placeholder, the rest copied. */
export function serialOf(pattern: string, next: (n: number) => number): string {
  let s = "";
  for (const ch of pattern) {
    const alphabet = ALPHABETS[ch];
    s += alphabet ? alphabet[next(alphabet.length)] : ch;
  }
  return s;
}

export const serial: GeneratorSpec = {
  name: "serial",
  doc: "A serial number from `pattern`: # is a digit, A an upper-case letter, X a hex digit, anything else is copied; fixed per device unless `per: event`.",
  scope: "either",
  perDefault: "device",
  output: "string",
  params: {
    pattern: {
      type: "string",
      pattern: /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,64}$/,
      what: "1-64 printable ASCII characters without quotes or backslashes",
      default: "SN-########",
      doc: "# digit, A letter, X hex",
    },
  },
  example: { pattern: "SN-AA-####" },
  compile: (p, c) => {
    const f = c.constant(serialOf);
    return {
      body: `${c.v} = ${f}(${JSON.stringify(p["pattern"])}, (n) => ${c.rng}.int(n));`,
      json: `'"' + ${c.v} + '"'`,
    };
  },
};
