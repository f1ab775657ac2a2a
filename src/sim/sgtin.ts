/**
 * SGTIN-96 EPCs (GS1 EPC Tag Data Standard): the pure-identity URN
 * urn:epc:id:sgtin:CompanyPrefix.IndicatorItemRef.Serial and its 96-bit binary encoding.
 * The company prefix and the indicator + item reference together have 13 digits; how they split
 * is the "partition" of the binary form (table below), so a URN is only valid SGTIN-96 when the
 * split is one of the seven the standard defines and the serial is a number of at most 38 bits
 * without leading zeros.
 */
import { gtinCheckDigit } from "./gtin.ts";

/** Largest SGTIN-96 serial (38 bits). */
export const SGTIN96_MAX_SERIAL = 2 ** 38 - 1;

/** TDS table 14-2, by partition value: digits and bits of the company prefix and item reference. */
const PARTITIONS: readonly { prefixDigits: number; prefixBits: number; itemDigits: number; itemBits: number }[] = [
  { prefixDigits: 12, prefixBits: 40, itemDigits: 1, itemBits: 4 },
  { prefixDigits: 11, prefixBits: 37, itemDigits: 2, itemBits: 7 },
  { prefixDigits: 10, prefixBits: 34, itemDigits: 3, itemBits: 10 },
  { prefixDigits: 9, prefixBits: 30, itemDigits: 4, itemBits: 14 },
  { prefixDigits: 8, prefixBits: 27, itemDigits: 5, itemBits: 17 },
  { prefixDigits: 7, prefixBits: 24, itemDigits: 6, itemBits: 20 },
  { prefixDigits: 6, prefixBits: 20, itemDigits: 7, itemBits: 24 },
];

const URN_HEAD = "urn:epc:id:sgtin:";
const SGTIN_RE = /^urn:epc:id:sgtin:(\d{6,12})\.(\d{1,7})\.(0|[1-9]\d{0,11})$/;
const SGTIN96_HEADER = 0x30n;

/** Partition value (0-6) for a company prefix of this many digits, or -1 if none fits. */
export function sgtinPartition(prefixDigits: number): number {
  return PARTITIONS.findIndex((p) => p.prefixDigits === prefixDigits);
}

/**
 * SGTIN-96 pure-identity URN, e.g. urn:epc:id:sgtin:0614141.107346.2017. The company prefix
 * (6-12 digits) and the indicator + item reference together have 13 digits.
 */
export function sgtinUrn(companyPrefix: string, indicatorItemRef: string, serial: number): string {
  if (companyPrefix.length + indicatorItemRef.length !== 13 || sgtinPartition(companyPrefix.length) < 0) {
    throw new RangeError("company prefix (6-12 digits) + item reference must have 13 digits");
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > SGTIN96_MAX_SERIAL) {
    throw new RangeError(`SGTIN-96 serial out of range: ${serial}`);
  }
  return `${URN_HEAD}${companyPrefix}.${indicatorItemRef}.${serial}`;
}

/** The URN up to the serial for the base unit (indicator 0) of a GTIN-13: append a serial. */
export function sgtinPrefixOfGtin13(gtin13: string, companyPrefixDigits: number): string {
  const prefix = gtin13.slice(0, companyPrefixDigits);
  const item = "0" + gtin13.slice(companyPrefixDigits, 12);
  return `${URN_HEAD}${prefix}.${item}.`;
}

/** True for a well-formed SGTIN-96 URN (a valid partition, a numeric serial within 38 bits). */
export function isSgtin96Urn(urn: string): boolean {
  const m = SGTIN_RE.exec(urn);
  if (m === null) return false;
  const [, prefix = "", item = "", serial = ""] = m;
  return prefix.length + item.length === 13 && Number(serial) <= SGTIN96_MAX_SERIAL;
}

/** The GTIN-14 an SGTIN URN identifies (indicator digit first), or undefined if malformed. */
export function gtinOfSgtin(urn: string): string | undefined {
  if (!isSgtin96Urn(urn)) return undefined;
  const [prefix = "", item = ""] = urn.slice(URN_HEAD.length).split(".");
  const data = item.slice(0, 1) + prefix + item.slice(1);
  return data + gtinCheckDigit(data);
}

/** The 96-bit tag encoding (24 hex digits) of an SGTIN-96 URN with a filter value (0-7). */
export function sgtin96Hex(urn: string, filter: number): string {
  if (!isSgtin96Urn(urn)) throw new RangeError(`not an SGTIN-96 URN: ${urn}`);
  if (!Number.isInteger(filter) || filter < 0 || filter > 7) throw new RangeError(`filter must be 0-7, got ${filter}`);
  const [prefix = "", item = "", serial = ""] = urn.slice(URN_HEAD.length).split(".");
  const partition = sgtinPartition(prefix.length);
  const p = PARTITIONS[partition]!;
  let bits = SGTIN96_HEADER;
  bits = (bits << 3n) | BigInt(filter);
  bits = (bits << 3n) | BigInt(partition);
  bits = (bits << BigInt(p.prefixBits)) | BigInt(prefix);
  bits = (bits << BigInt(p.itemBits)) | BigInt(item);
  bits = (bits << 38n) | BigInt(serial);
  return bits.toString(16).toUpperCase().padStart(24, "0");
}

/** The URN of a 96-bit SGTIN tag (24 hex digits), or undefined if it is not a valid SGTIN-96. */
export function sgtinUrnOfHex(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]{24}$/.test(hex)) return undefined;
  const bits = BigInt(`0x${hex}`);
  if (bits >> 88n !== SGTIN96_HEADER) return undefined;
  const p = PARTITIONS[Number((bits >> 82n) & 7n)];
  if (p === undefined) return undefined;
  const field = (shift: number, width: number): bigint => (bits >> BigInt(shift)) & ((1n << BigInt(width)) - 1n);
  const prefix = field(38 + p.itemBits, p.prefixBits)
    .toString()
    .padStart(p.prefixDigits, "0");
  const item = field(38, p.itemBits).toString().padStart(p.itemDigits, "0");
  if (prefix.length !== p.prefixDigits || item.length !== p.itemDigits) return undefined;
  return `${URN_HEAD}${prefix}.${item}.${field(0, 38)}`;
}
