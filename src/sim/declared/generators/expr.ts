/** expr: a small expression over the event's fields and the device's previous event. */
import { exprCode, exprPaths, parseExpr, type Expr } from "../expr.ts";
import { isSafeString } from "../compile/runtime.ts";
import type { GeneratorSpec } from "../spec.ts";

/** Every possible result when each is a string literal safe inside JSON quotes, else undefined. */
function literalStrings(e: Expr): string[] | undefined {
  if (e.op === "str") return isSafeString(e.value) ? [e.value] : undefined;
  if (e.op !== "cond") return undefined;
  const a = literalStrings(e.then);
  const b = literalStrings(e.else);
  return a && b ? [...new Set([...a, ...b])] : undefined;
}

export const expr: GeneratorSpec = {
  name: "expr",
  doc: "A value computed from other fields: + - * / %, comparisons, && || !, c ? a : b, min max abs round floor ceil sqrt clamp, 'text', and prev.<field> (the device's previous event). E.g. a status from thresholds, a unit conversion.",
  scope: "event",
  output: "number",
  params: { expr: { type: "expr", required: true, doc: "the expression; fields by dotted path, siblings by name" } },
  example: { expr: "temperature > 30 ? 'hot' : 'ok'" },
  infer: (p, typeOf) => exprCode(parseExpr(String(p["expr"])), (path) => ({ code: "0", type: typeOf(path) ?? "number" })).type,
  refs: (p) => {
    try {
      return typeof p["expr"] === "string" ? exprPaths(parseExpr(p["expr"])).filter((x) => !x.prev).map((x) => x.path) : [];
    } catch {
      return [];
    }
  },
  compile: (p, c) => {
    const tree = parseExpr(String(p["expr"]));
    const { code, type } = exprCode(tree, (path, prev) => (prev ? c.prev(path) : c.ref(path)));
    const literals = type === "string" ? literalStrings(tree) : undefined;
    return literals ? { body: `${c.v} = ${code};`, json: `'"' + ${c.v} + '"'`, literals } : { body: `${c.v} = ${code};` };
  },
};
