/** Field checks of retail "temperature" and "price" records. */
import { isValidGtin } from "../gtin.ts";
import { gtinOfSgtin, isSgtin96Urn } from "../sgtin.ts";
import { CATEGORIES } from "../retail-categories.ts";
import { DEVICE_KINDS, RETAIL_TEMP_MAX_C, RETAIL_TEMP_MIN_C, ZONES } from "../retail-devices.ts";
import { expectIsoTimestamp, expectNumber, expectObject, expectString, type Obj } from "./fields.ts";

const STORE_ID = /^store-\d{3,}$/;

/** An SGTIN-96 URN field; returns its company prefix when valid. */
function checkEpc(e: Obj, key: string, out: string[]): string | undefined {
  const epc = expectString(e, key, "", /^urn:epc:id:sgtin:/, out);
  if (epc === undefined) return undefined;
  if (!isSgtin96Urn(epc)) {
    out.push(`${key}: ${epc} is not an SGTIN-96 URN`);
    return undefined;
  }
  return epc.split(":")[4]?.split(".")[0];
}

export function checkRetailTemperatureEvent(record: unknown): string[] {
  const out: string[] = [];
  const keys = ["device_epc", "device_type", "store_id", "zone", "temperature", "unit", "timestamp"];
  const e = expectObject(record, "", keys, out);
  if (e === undefined) return out;
  checkEpc(e, "device_epc", out);
  expectString(e, "device_type", "", ["temperature_sensor"], out);
  expectString(e, "store_id", "", STORE_ID, out);
  const zoneName = expectString(
    e,
    "zone",
    "",
    ZONES.map((z) => z.name),
    out,
  );
  const unit = expectString(e, "unit", "", ["C", "F"], out);
  expectIsoTimestamp(e, "timestamp", "", out);
  const zone = ZONES.find((z) => z.name === zoneName);
  const [min, max] = zone === undefined ? [RETAIL_TEMP_MIN_C, RETAIL_TEMP_MAX_C] : [zone.min, zone.max];
  const rule = unit === "F" ? { min: min * 1.8 + 32, max: max * 1.8 + 32, decimals: 2 } : { min, max, decimals: 2 };
  expectNumber(e, "temperature", "", rule, out);
  return out;
}

export function checkRetailPriceEvent(record: unknown): string[] {
  const out: string[] = [];
  const e = expectObject(
    record,
    "",
    ["device_epc", "device_type", "store_id", "timestamp", "item_epc", "product"],
    out,
  );
  if (e === undefined) return out;
  const devicePrefix = checkEpc(e, "device_epc", out);
  const itemPrefix = checkEpc(e, "item_epc", out);
  if (devicePrefix !== undefined && itemPrefix !== undefined && devicePrefix !== itemPrefix) {
    out.push(`item_epc: company prefix ${itemPrefix} differs from the device's ${devicePrefix}`);
  }
  expectString(e, "device_type", "", DEVICE_KINDS.slice(1), out);
  expectString(e, "store_id", "", STORE_ID, out);
  expectIsoTimestamp(e, "timestamp", "", out);
  const keys = ["sku", "gtin", "name", "brand", "category", "price", "currency", "size"];
  const p = expectObject(e["product"], "product", keys, out);
  if (p === undefined) return out;
  expectString(p, "sku", "product", /^[A-Z]{3}-\d{5}$/, out);
  const gtin = expectString(p, "gtin", "product", /^\d{13}$/, out);
  if (gtin !== undefined && !isValidGtin(gtin)) out.push(`product.gtin: ${gtin} has a wrong check digit`);
  // The scanned item is one unit (indicator 0) of exactly this product.
  const item = e["item_epc"];
  if (gtin !== undefined && typeof item === "string" && isSgtin96Urn(item) && gtinOfSgtin(item) !== `0${gtin}`) {
    out.push(`item_epc: ${item} identifies GTIN ${gtinOfSgtin(item)}, not the product's 0${gtin}`);
  }
  expectString(p, "name", "product", /^\S.{2,}$/, out);
  expectString(p, "brand", "product", /^\S.+$/, out);
  expectString(p, "currency", "product", /^[A-Z]{3}$/, out);
  expectString(p, "size", "product", /^\S.*$/, out);
  const categoryName = expectString(
    p,
    "category",
    "product",
    CATEGORIES.map((c) => c.name),
    out,
  );
  const category = CATEGORIES.find((c) => c.name === categoryName);
  const [min, max] = category === undefined ? [0.01, 1e6] : [category.minPrice, category.maxPrice];
  expectNumber(p, "price", "product", { min, max, decimals: 2 }, out);
  return out;
}
