/** GS1 trade item numbers: GTIN check digits and GTIN-13 construction. SGTINs are in sgtin.ts. */

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
