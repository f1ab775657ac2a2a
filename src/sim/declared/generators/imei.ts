/** imei: a 15-digit IMEI with a valid Luhn check digit, fixed per device. */
import type { GeneratorSpec } from "../spec.ts";

/** Luhn check digit of a digit string. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return (10 - (sum % 10)) % 10;
}

export const imei: GeneratorSpec = {
  name: "imei",
  doc: "A 15-digit IMEI: the 8-digit type allocation code `tac`, 6 random digits and a Luhn check digit; fixed per device.",
  scope: "device",
  output: "string",
  params: {
    tac: {
      type: "string",
      pattern: /^\d{8}$/,
      what: "8 digits",
      default: "35693803",
      doc: "type allocation code (maker and model)",
    },
  },
  example: { tac: "35693803" },
  compile: (p, c) => {
    const luhn = c.constant(luhnDigit);
    const body = c.local("body");
    return {
      body: `{ const ${body} = ${JSON.stringify(p["tac"])} + pad(${c.rng}.int(1000000), 6); ${c.v} = ${body} + ${luhn}(${body}); }`,
      json: `'"' + ${c.v} + '"'`,
    };
  },
};
