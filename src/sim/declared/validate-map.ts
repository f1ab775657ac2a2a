/** A map node: `{map: <value>, keys: [..] | {gen: ...}, size: N | [min, max]}`. */
import type { FieldNode, LeafNode, MapNode } from "./model.ts";
import { MAX_ARRAY_LENGTH, parseParam, show } from "./param-values.ts";
import type { Problems } from "./problems.ts";
import { validateLeaf } from "./validate-leaf.ts";

type Child = (raw: unknown, fieldPath: string, path: string) => FieldNode;

export function validateMap(
  raw: Record<string, unknown>,
  fieldPath: string,
  path: string,
  problems: Problems,
  child: Child,
): MapNode {
  problems.unknownKeys(raw, ["map", "keys", "size"], path);
  const keys = mapKeys(raw["keys"], fieldPath, `${path}.keys`, problems);
  const values = child(raw["map"], `${fieldPath}[]`, `${path}.map`);
  let [minSize, maxSize] = Array.isArray(keys) ? [keys.length, keys.length] : [0, 0];
  if (raw["size"] !== undefined || !Array.isArray(keys)) {
    const size = parseParam({ type: "length", doc: "" }, raw["size"]);
    if (!size.ok)
      problems.add(`${path}.size`, raw["size"] === undefined ? "is required with generated keys" : size.problem);
    else [minSize, maxSize] = size.value as [number, number];
  }
  // Keys are distinct: a list cannot give more entries than it has keys.
  if (Array.isArray(keys) && maxSize > keys.length)
    problems.add(`${path}.size`, `at most ${keys.length} (the number of keys), got ${maxSize}`);
  return { kind: "map", keys, values, minSize, maxSize };
}

function mapKeys(raw: unknown, fieldPath: string, path: string, problems: Problems): string[] | LeafNode {
  if (Array.isArray(raw)) {
    const keys = raw.map(String);
    if (
      raw.length === 0 ||
      raw.length > MAX_ARRAY_LENGTH ||
      !raw.every((k) => typeof k === "string" || typeof k === "number")
    )
      problems.add(path, `must be a list of 1-${MAX_ARRAY_LENGTH} texts, got ${show(raw)}`);
    else if (new Set(keys).size !== keys.length) problems.add(path, "a key is listed twice");
    else if (keys.includes("__proto__")) problems.add(path, "__proto__ cannot be a key");
    return keys;
  }
  if (typeof raw === "object" && raw !== null && "gen" in raw) {
    const leaf = validateLeaf(raw as Record<string, unknown>, `${fieldPath}[]{key}`, path, problems);
    if (leaf.kind !== "leaf") return [];
    if (leaf.type !== "string") problems.add(path, `keys are texts; ${leaf.gen} writes a ${leaf.type}`);
    if (leaf.nulls > 0 || leaf.omit > 0 || leaf.omitIf !== undefined || leaf.hidden === true)
      problems.add(path, "a key is always written: no nullable, omit or hidden");
    return leaf;
  }
  problems.add(path, `must be a list of keys or a text generator ({gen: regex, pattern: ...}), got ${show(raw)}`);
  return [];
}
