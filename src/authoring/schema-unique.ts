/** JSON Schema `uniqueItems` → a `unique` array, or a note where distinct items cannot be drawn. */
import type { Guess } from "./guess.ts";

/** Whole-number ranges up to this many values are listed. */
const MAX_LISTED = 1000;

/**
 * `uniqueItems`: one generator's items are drawn distinct (`unique: true`), at most as many as a
 * list of values has; items that are objects or constants cannot be, so an array of them keeps
 * at most one item (or is named when minItems asks for more). A small range of whole numbers
 * becomes the list of them, so every one can be taken.
 */
export function uniqueItems(
  items: Guess,
  lo: number,
  hi: number,
): { lo: number; hi: number; unique?: true; note?: string; items?: Guess } {
  if (items.t !== "leaf")
    return lo <= 1
      ? { lo, hi: 1, note: "uniqueItems: items are objects, so at most one item" }
      : { lo, hi, note: "uniqueItems not generated (items are objects, minItems > 1)" };
  const leaf = items.leaf;
  const values = Array.isArray(leaf["values"]) ? leaf["values"].length : undefined;
  const whole =
    leaf["decimals"] === 0 && typeof leaf["min"] === "number" && typeof leaf["max"] === "number"
      ? Math.floor(leaf["max"]) - Math.ceil(leaf["min"]) + 1
      : undefined;
  const most = values ?? whole;
  if (most !== undefined && most < lo)
    return {
      lo,
      hi,
      unique: true,
      note: `uniqueItems: only ${most} distinct values for minItems ${lo}; arrays come out short`,
    };
  const top = most === undefined ? hi : Math.min(hi, most);
  if (values === undefined && whole !== undefined && whole <= MAX_LISTED) {
    const from = Math.ceil(leaf["min"] as number);
    const list = Array.from({ length: whole }, (_, i) => from + i);
    return { lo, hi: top, unique: true, items: { t: "leaf", leaf: { gen: "pick", values: list } } };
  }
  return { lo, hi: top, unique: true };
}
