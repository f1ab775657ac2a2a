/** The values of a pick or zipf leaf: their type and JSON text, made once per run. */
import { asciiJson } from "../../format.ts";
import type { ValueType } from "../value-type.ts";

export interface Choices {
  values: readonly (string | number | boolean)[];
  weights: readonly number[];
}

export function choicesType(values: readonly unknown[]): ValueType {
  if (values.length > 0 && values.every((v) => typeof v === "number")) return "number";
  if (values.length > 0 && values.every((v) => typeof v === "boolean")) return "boolean";
  return "string";
}

/** Raw values (strings unless all numbers / all booleans) and their JSON text. */
export function choiceTables(values: readonly unknown[]): { raw: unknown[]; json: string[] } {
  const type = choicesType(values);
  const raw = values.map((v) => (type === "string" ? String(v) : v));
  return { raw, json: raw.map((v) => asciiJson(JSON.stringify(v))) };
}
