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
  doc: "A value computed from other fields: + - * / %, comparisons, && || !, c ? a : b, min max abs round floor ceil sqrt clamp, 'text', null, prev.<field> (the device's previous event), since(<state field>), and dt, now, index, first, member, group, anomaly (true while a spike, drift or stuck hits the device). E.g. a status from thresholds, a unit conversion, a meter integrated over dt.",
  scope: "event",
  output: "number",
  params: {
    expr: { type: "expr", required: true, doc: "the expression; fields by dotted path, siblings by name" },
    decimals: {
      type: "number",
      min: 0,
      max: 9,
      integer: true,
      doc: "numbers: decimals written (the value read by prev. and other fields keeps full precision)",
    },
  },
  example: { expr: "temperature > 30 ? 'hot' : 'ok'" },
  infer: (p, typeOf) =>
    exprCode(parseExpr(String(p["expr"])), (path, _prev, facet) => ({
      code: "0",
      type: facet ? "number" : (typeOf(path) ?? "number"),
    })).type,
  refs: (p) => {
    try {
      return typeof p["expr"] === "string"
        ? exprPaths(parseExpr(p["expr"]))
            .filter((x) => !x.prev)
            .map((x) => x.path)
        : [];
    } catch {
      return [];
    }
  },
  compile: (p, c) => {
    const tree = parseExpr(String(p["expr"]));
    const { code, type, nullable } = exprCode(tree, (path, prev, facet) =>
      facet ? c.facet(path, facet) : prev ? c.prev(path) : c.ref(path),
    );
    const decimals = p["decimals"];
    // Rounded in the JSON only: a meter integrated through prev. must not lose what rounding drops.
    if (type === "number" && typeof decimals === "number")
      return { body: `${c.v} = ${code};`, json: `fmtN(${c.v}, ${decimals})`, ...(nullable ? { nullable } : {}) };
    if (nullable) return { body: `${c.v} = ${code};`, nullable: true };
    const literals = type === "string" ? literalStrings(tree) : undefined;
    return literals
      ? { body: `${c.v} = ${code};`, json: `'"' + ${c.v} + '"'`, literals }
      : { body: `${c.v} = ${code};` };
  },
};
