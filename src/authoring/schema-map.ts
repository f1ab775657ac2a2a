/**
 * A JSON Schema object whose keys vary (no properties; `additionalProperties` or one
 * `patternProperties` schema) → a map node: keys from `propertyNames` (enum or pattern) or the
 * pattern, a size from min/maxProperties, values from the value schema.
 */
import { withChances, type Guess } from "./guess.ts";
import { isObj, type Ctx, type Result, type Schema } from "./schema-node.ts";

const MAX_SIZE = 1000;
/** Keys when the schema says nothing about them (an Avro or Protobuf map). */
const ANY_KEY = "[a-z]{3,8}";

/** The value schema and keys when `s` describes a map, else undefined. */
function mapParts(s: Schema): { values: unknown; pattern?: string } | undefined {
  if (isObj(s["properties"]) && Object.keys(s["properties"]).length > 0) return undefined;
  const patterns = isObj(s["patternProperties"]) ? Object.entries(s["patternProperties"]) : [];
  if (patterns.length === 1) {
    const [pattern, values] = patterns[0] as [string, unknown];
    return { values, pattern };
  }
  return isObj(s["additionalProperties"]) ? { values: s["additionalProperties"] } : undefined;
}

export function isMapSchema(s: Schema): boolean {
  return mapParts(s) !== undefined;
}

export function mapResult(
  s: Schema,
  ctx: Ctx,
  notes: string[],
  nullable: boolean,
  guessOf: (raw: unknown, ctx: Ctx) => Result,
): Result {
  const parts = mapParts(s) as { values: unknown; pattern?: string };
  const names = isObj(s["propertyNames"]) ? s["propertyNames"] : {};
  const listed = Array.isArray(names["enum"]) ? [...new Set(names["enum"].map(String))] : undefined;
  const pattern = typeof names["pattern"] === "string" ? names["pattern"] : parts.pattern;
  const keys: string[] | Record<string, unknown> =
    listed && listed.length > 0 ? listed.slice(0, MAX_SIZE) : { gen: "regex", pattern: pattern ?? ANY_KEY };
  const count = (k: string): number | undefined =>
    typeof s[k] === "number" && Number.isInteger(s[k]) && (s[k] as number) >= 0 ? (s[k] as number) : undefined;
  const most = Array.isArray(keys) ? keys.length : MAX_SIZE;
  const lo = Math.min(count("minProperties") ?? 1, most);
  const hi = Math.min(Math.max(lo, count("maxProperties") ?? Math.max(lo, 3)), most);
  const inner = guessOf(parts.values, { ...ctx, inArray: true, depth: ctx.depth + 1 });
  const values: Guess = withChances(inner.guess, 0, inner.nullable ? 0.1 : 0);
  // The keywords read here are no longer "not generated".
  const used = new Set(["patternProperties not generated", "propertyNames not generated"]);
  const size: number | [number, number] = lo === hi ? lo : [lo, hi];
  return {
    guess: { t: "map", values, keys, size },
    notes: [
      ...notes.filter((n) => !used.has(n)),
      ...(pattern === undefined && !listed ? ["keys: any text in the schema; made of 3-8 letters here"] : []),
      ...inner.notes.map((n) => `values: ${n}`),
    ],
    nullable,
  };
}
