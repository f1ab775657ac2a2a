/** GS1 identifiers: GTIN check digits and SGTIN-96 EPC pure-identity URNs. */

/** GS1 mod-10 check digit of the data digits (weights 3,1,3,... from the rightmost digit). */
export function gtinCheckDigit(data: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = data.length - 1; i >= 0; i--) {
    sum += (data.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `code` is all digits, 8/12/13/14 long, with a correct check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** GTIN-13 for item `itemRef` of a GS1 company prefix (prefix + item reference = 12 digits). */
export function gtin13(companyPrefix: string, itemRef: number): string {
  const data = companyPrefix + String(itemRef).padStart(12 - companyPrefix.length, "0");
  if (data.length !== 12) throw new RangeError(`item reference ${itemRef} does not fit after prefix ${companyPrefix}`);
  return data + gtinCheckDigit(data);
}

/** Largest SGTIN-96 serial (38 bits). */
export const SGTIN96_MAX_SERIAL = 2 ** 38 - 1;

/**
 * SGTIN-96 pure-identity URN, e.g. urn:epc:id:sgtin:0614141.107346.2017. The company prefix
 * (6-12 digits) and the indicator + item reference together have 13 digits.
 */
export function sgtinUrn(companyPrefix: string, indicatorItemRef: string, serial: number): string {
  if (companyPrefix.length + indicatorItemRef.length !== 13) {
    throw new RangeError("company prefix + item reference must have 13 digits");
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > SGTIN96_MAX_SERIAL) {
    throw new RangeError(`SGTIN-96 serial out of range: ${serial}`);
  }
  return `urn:epc:id:sgtin:${companyPrefix}.${indicatorItemRef}.${serial}`;
}

const SGTIN_RE = /^urn:epc:id:sgtin:(\d{6,12})\.(\d{1,7})\.(0|[1-9]\d{0,11})$/;

/** True for a well-formed SGTIN-96 URN (numeric serial within 38 bits). */
export function isSgtin96Urn(urn: string): boolean {
  const m = SGTIN_RE.exec(urn);
  if (m === null) return false;
  const [, prefix = "", item = "", serial = ""] = m;
  return prefix.length + item.length === 13 && Number(serial) <= SGTIN96_MAX_SERIAL;
}

/** The GTIN-14 an SGTIN URN identifies (indicator digit first), or undefined if malformed. */
export function gtinOfSgtin(urn: string): string | undefined {
  if (!isSgtin96Urn(urn)) return undefined;
  const [prefix = "", item = ""] = urn.slice("urn:epc:id:sgtin:".length).split(".");
  const data = item.slice(0, 1) + prefix + item.slice(1);
  return data + gtinCheckDigit(data);
}
