/** Long one-line lists of plain numbers taken out of YAML text before parsing, and put back into the parsed data. */

/**
 * A flow list of at least 16 plain decimal numbers on one line, where a value or a list item
 * starts (after `:`, `,` or `[`; not after a tag or an anchor). Numbers as the YAML 1.2 core
 * schema reads them the same as Number(): no leading zeros, whole numbers of at most 15 digits.
 */
const NUMBER = String.raw`-?(?:0|[1-9]\d{0,14})(?:\.\d+)?(?:[eE][-+]?\d+)?`;
const LIST = new RegExp(String.raw`(?<=[:,[][ \t]*)\[[ \t]*${NUMBER}(?:[ \t]*,[ \t]*${NUMBER}){15,}[ \t]*\]`, "g");
const TOKEN = "__surge_numbers_";

export interface StashedLists {
  /** The text with each list replaced by a plain token of the same length (positions unchanged). */
  text: string;
  lists: Map<string, number[]>;
}

/**
 * The yaml library builds a node per number (a fitted fleet's 100,000 numbers: ~1.3 s under
 * Bun); a token per list is one node. Undefined when there is nothing to take out, or the text
 * could read the tokens differently (a %YAML directive, a token already in the text).
 */
export function stashNumberLists(text: string): StashedLists | undefined {
  if (text.includes("%YAML") || text.includes(TOKEN)) return undefined;
  const lists = new Map<string, number[]>();
  const out = text.replace(LIST, (list) => {
    const token = `${TOKEN}${lists.size}`;
    if (token.length > list.length) return list;
    lists.set(token, list.slice(1, -1).split(",").map(Number));
    return token.padEnd(list.length, " ");
  });
  return lists.size > 0 ? { text: out, lists } : undefined;
}

/**
 * The parsed data with each token's list back in place. False when a token is not exactly one
 * whole string value (it landed in a quoted or block text, a comment, a key, or a merge copied
 * it): the caller then parses the original text.
 */
export function restoreNumberLists(data: unknown, lists: ReadonlyMap<string, number[]>): boolean {
  const found = new Map<string, number>();
  // Aliases may share a value, or make one hold itself: each object is walked once.
  const seen = new Set<object>();
  const visit = (v: unknown): unknown => {
    if (typeof v === "string") {
      const list = v.startsWith(TOKEN) ? lists.get(v) : undefined;
      if (!list) return v;
      found.set(v, (found.get(v) ?? 0) + 1);
      return list;
    }
    if (v === null || typeof v !== "object" || seen.has(v)) return v;
    seen.add(v);
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) v[i] = visit(v[i]);
    else
      for (const key of Object.keys(v))
        (v as Record<string, unknown>)[key] = visit((v as Record<string, unknown>)[key]);
    return v;
  };
  visit(data);
  return found.size === lists.size && [...found.values()].every((n) => n === 1);
}
