/** expr: a small expression over the event's fields and the device's previous event. */
import { exprCode, exprPaths, parseExpr, type Expr } from "../expr.ts";
import { isSafeString } from "../compile/runtime.ts";
import type { GeneratorSpec } from "../spec.ts";

/** True when every possible result is a string literal already safe inside JSON quotes. */
function literalStrings(e: Expr): boolean {
  if (e.op === "str") return isSafeString(e.value);
  if (e.op === "cond") return literalStrings(e.then) && literalStrings(e.else);
  return false;
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
      return exprPaths(parseExpr(String(p["expr"]))).filter((x) => !x.prev).map((x) => x.path);
    } catch {
      return [];
    }
  },
  compile: (p, c) => {
    const tree = parseExpr(String(p["expr"]));
    const { code, type } = exprCode(tree, (path, prev) => (prev ? c.prev(path) : c.ref(path)));
    const json = type === "string" ? (literalStrings(tree) ? `'"' + ${c.v} + '"'` : undefined) : undefined;
    return json ? { body: `${c.v} = ${code};`, json } : { body: `${c.v} = ${code};` };
  },
};
