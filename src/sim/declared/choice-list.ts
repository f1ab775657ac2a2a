/** The values a choice leaf (pick, zipf) draws among, as its code sees them; undefined for other leaves. */
import { choiceTables } from "./generators/choices.ts";
import type { LeafNode } from "./model.ts";

export function choiceList(leaf: LeafNode): unknown[] | undefined {
  const v = leaf.params["values"];
  const values = Array.isArray(v)
    ? v
    : v && typeof v === "object" && Array.isArray((v as { values?: unknown }).values)
      ? (v as { values: unknown[] }).values
      : undefined;
  return (leaf.gen === "pick" || leaf.gen === "zipf") && values ? choiceTables(values).raw : undefined;
}
