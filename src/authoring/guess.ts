/**
 * What inference (from samples or a JSON Schema) proposes for a payload: a tree of fields in the
 * declared-fleet format (docs/fleet-format.md), with a comment wherever a guess deserves a word.
 */

export type Guess =
  | { t: "object"; fields: GuessField[] }
  | { t: "array"; items: Guess; length: number | [number, number]; unique?: true }
  /** Keys listed, or a text generator leaf as written in YAML. */
  | { t: "map"; values: Guess; keys: string[] | Record<string, unknown>; size: number | [number, number] }
  /** A generator leaf as written in YAML: {gen: walk, mean: 21, ...}. */
  | { t: "leaf"; leaf: Record<string, unknown> }
  /** A fixed value: scalars as is, lists and maps as {const: ...}. */
  | { t: "const"; value: unknown };

export interface GuessField {
  name: string;
  guess: Guess;
  /** One line (or a few) written next to the field. */
  comment?: string;
}

/** A leaf with `omit` / `nullable` added when they are above 0 (rounded to 2 decimals, at least 0.01). */
export function withChances(guess: Guess, omit: number, nulls: number): Guess {
  if (guess.t !== "leaf") return guess;
  const leaf = { ...guess.leaf };
  if (omit > 0) leaf["omit"] = chance(omit);
  if (nulls > 0) leaf[NULLABLE_KEY] = chance(nulls);
  return { t: "leaf", leaf };
}

/** The leaf key for "written as null with this probability" (docs/fleet-format.md). */
export const NULLABLE_KEY = "nullable";

function chance(p: number): number {
  return Math.min(1, Math.max(0.01, Math.round(p * 100) / 100));
}

/** Nodes of a guess (the validator allows 5,000 per kind). */
export function nodeCount(guess: Guess): number {
  if (guess.t === "object") return 1 + guess.fields.reduce((n, f) => n + nodeCount(f.guess), 0);
  if (guess.t === "array") return 1 + nodeCount(guess.items);
  if (guess.t === "map") return 1 + nodeCount(guess.values);
  return 1;
}
