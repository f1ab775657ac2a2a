/** Params and checks shared by several generators. */
import type { ParamSpec } from "../spec.ts";

export const DECIMALS: ParamSpec = {
  type: "number",
  min: 0,
  max: 9,
  integer: true,
  default: 2,
  doc: "decimals written",
};

export function num(params: Readonly<Record<string, unknown>>, key: string): number {
  return params[key] as number;
}

/** "min: must be less than max" when both are set and out of order. */
export function ordered(params: Readonly<Record<string, unknown>>, low: string, high: string): string[] {
  const a = params[low];
  const b = params[high];
  return typeof a === "number" && typeof b === "number" && !(a < b)
    ? [`${low}: must be less than ${high} (${b}), got ${a}`]
    : [];
}

/** A JS number literal (keeps -0 and exponents exact). */
export function lit(x: number): string {
  return Object.is(x, -0) ? "-0" : `(${String(x)})`;
}
