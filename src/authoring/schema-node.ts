/** What the JSON Schema reader (from-schema.ts) passes around: a schema node, the walk's context, a result. */
import type { Guess } from "./guess.ts";

export type Schema = Record<string, unknown>;
export const isObj = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

export interface Ctx {
  root: Schema;
  name: string;
  parent: string;
  inArray: boolean;
  depth: number;
  refs: readonly string[];
}

export interface Result {
  guess: Guess;
  notes: string[];
  nullable?: boolean;
}

/** "#/$defs/reading" → the schema it points to inside the same document. */
export function resolvePointer(root: Schema, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObj(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
  }
  return node;
}

export function without(s: Schema, key: string): Schema {
  return Object.fromEntries(Object.entries(s).filter(([k]) => k !== key));
}

export function merge(parts: readonly Schema[]): Schema {
  const out: Schema = {};
  for (const p of parts) {
    for (const [k, v] of Object.entries(p)) {
      if (k === "properties" && isObj(out[k]) && isObj(v)) out[k] = { ...out[k], ...v };
      else if (k === "required" && Array.isArray(out[k]) && Array.isArray(v)) out[k] = [...(out[k] as unknown[]), ...v];
      else if (!(k in out)) out[k] = v;
    }
  }
  return out;
}
