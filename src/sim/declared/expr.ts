/**
 * Small expressions over an event's fields: arithmetic, comparisons, && || !, ?:, a few math
 * functions, string literals, null, `prev.<field>` (the device's previous event) and
 * `since(<state field>)` (seconds in the current state). Parsed once and
 * turned into JS source from the syntax tree only (never from the user's text), so nothing but
 * these operations can run.
 */
import type { ValueType } from "./value-type.ts";

export type Expr =
  | { op: "num"; value: number }
  | { op: "str"; value: string }
  | { op: "bool"; value: boolean }
  | { op: "null" }
  | { op: "path"; path: string; prev: boolean }
  | { op: "call"; fn: string; args: Expr[] }
  | { op: "unary"; operator: "-" | "!"; arg: Expr }
  | { op: "binary"; operator: string; left: Expr; right: Expr }
  | { op: "cond"; test: Expr; then: Expr; else: Expr };

export const FUNCTIONS: Readonly<Record<string, number>> = {
  min: 2,
  max: 2,
  abs: 1,
  round: 1,
  floor: 1,
  ceil: 1,
  sqrt: 1,
  clamp: 3,
  since: 1,
};
/** Functions that take a field's name rather than a value: since(status) = seconds in the current state. */
export const FACETS = ["since"] as const;
export type Facet = (typeof FACETS)[number];
const MAX_LENGTH = 1000;
const MAX_DEPTH = 40;
const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:(),]))/y;

type Token = { kind: "num" | "str" | "id" | "op"; text: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new SyntaxError(`unexpected ${JSON.stringify(text.slice(at).trim()[0])} at column ${at + 1}`);
    const kind = m[1] !== undefined ? "num" : m[2] !== undefined ? "str" : m[3] !== undefined ? "id" : "op";
    tokens.push({ kind, text: (m[1] ?? m[2] ?? m[3] ?? m[4]) as string, at: at + 1 });
    at = TOKEN.lastIndex;
  }
  return tokens;
}

/** Parses an expression; throws SyntaxError with a one-line reason. */
export function parseExpr(text: string): Expr {
  if (text.length > MAX_LENGTH) throw new SyntaxError(`longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(text);
  let i = 0;
  let depth = 0;
  const peek = (): Token | undefined => tokens[i];
  const take = (op?: string): Token => {
    const t = tokens[i];
    if (!t) throw new SyntaxError(op ? `expected "${op}" at the end` : "unexpected end");
    if (op !== undefined && t.text !== op) throw new SyntaxError(`expected "${op}" at column ${t.at}, got "${t.text}"`);
    i++;
    return t;
  };
  const isOp = (...ops: string[]): boolean => peek()?.kind === "op" && ops.includes(peek()?.text ?? "");
  const nest = <T>(f: () => T): T => {
    if (++depth > MAX_DEPTH) throw new SyntaxError(`nested deeper than ${MAX_DEPTH}`);
    const r = f();
    depth--;
    return r;
  };

  const expression = (): Expr =>
    nest(() => {
      const test = binary(0);
      if (!isOp("?")) return test;
      take("?");
      const then = expression();
      take(":");
      return { op: "cond", test, then, else: expression() };
    });
  const LEVELS: readonly (readonly string[])[] = [
    ["||"],
    ["&&"],
    ["==", "!=", "<", "<=", ">", ">="],
    ["+", "-"],
    ["*", "/", "%"],
  ];
  const binary = (level: number): Expr => {
    if (level >= LEVELS.length) return unary();
    let left = binary(level + 1);
    while (isOp(...(LEVELS[level] ?? []))) {
      const operator = take().text;
      left = { op: "binary", operator, left, right: binary(level + 1) };
    }
    return left;
  };
  const unary = (): Expr =>
    nest(() => {
      if (isOp("-", "!")) return { op: "unary", operator: take().text as "-" | "!", arg: unary() };
      return primary();
    });
  const primary = (): Expr => {
    const t = take();
    if (t.kind === "num") return { op: "num", value: Number(t.text) };
    if (t.kind === "str") return { op: "str", value: unquote(t.text) };
    if (t.kind === "op" && t.text === "(") {
      const e = expression();
      take(")");
      return e;
    }
    if (t.kind === "id") {
      if (t.text === "true" || t.text === "false") return { op: "bool", value: t.text === "true" };
      if (t.text === "null") return { op: "null" };
      if (isOp("(")) {
        const arity = FUNCTIONS[t.text];
        if (arity === undefined)
          throw new SyntaxError(`unknown function "${t.text}" (known: ${Object.keys(FUNCTIONS).join(", ")})`);
        take("(");
        const args: Expr[] = [];
        while (!isOp(")")) {
          if (args.length > 0) take(",");
          args.push(expression());
        }
        take(")");
        if (args.length !== arity) throw new SyntaxError(`${t.text}() takes ${arity} argument(s), got ${args.length}`);
        if ((FACETS as readonly string[]).includes(t.text) && (args[0]?.op !== "path" || args[0].prev))
          throw new SyntaxError(`${t.text}() takes the name of a state field, e.g. ${t.text}(status)`);
        return { op: "call", fn: t.text, args };
      }
      const prev = t.text.startsWith("prev.");
      return { op: "path", path: prev ? t.text.slice(5) : t.text, prev };
    }
    throw new SyntaxError(`unexpected "${t.text}" at column ${t.at}`);
  };

  const tree = expression();
  const rest = peek();
  if (rest) throw new SyntaxError(`unexpected "${rest.text}" at column ${rest.at}`);
  return tree;
}

function unquote(text: string): string {
  const body = text.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}

/** Every field path an expression reads (prev.* included, marked). */
export function exprPaths(e: Expr, out: { path: string; prev: boolean }[] = []): { path: string; prev: boolean }[] {
  switch (e.op) {
    case "path":
      out.push({ path: e.path, prev: e.prev });
      break;
    case "call":
      for (const a of e.args) exprPaths(a, out);
      break;
    case "unary":
      exprPaths(e.arg, out);
      break;
    case "binary":
      exprPaths(e.left, out);
      exprPaths(e.right, out);
      break;
    case "cond":
      exprPaths(e.test, out);
      exprPaths(e.then, out);
      exprPaths(e.else, out);
      break;
    default:
      break;
  }
  return out;
}

/** Fields read through a facet function (since(status)): the validator checks they are state fields. */
export function exprFacets(e: Expr, out: { fn: Facet; path: string }[] = []): { fn: Facet; path: string }[] {
  if (e.op === "call") {
    const arg = e.args[0];
    if ((FACETS as readonly string[]).includes(e.fn) && arg?.op === "path")
      out.push({ fn: e.fn as Facet, path: arg.path });
    else for (const a of e.args) exprFacets(a, out);
  } else if (e.op === "unary") exprFacets(e.arg, out);
  else if (e.op === "binary") {
    exprFacets(e.left, out);
    exprFacets(e.right, out);
  } else if (e.op === "cond") {
    exprFacets(e.test, out);
    exprFacets(e.then, out);
    exprFacets(e.else, out);
  }
  return out;
}

/** How a path reads in generated code, and its type (facet: a function of the field, e.g. since). */
export type PathCode = (path: string, prev: boolean, facet?: Facet) => { code: string; type: ValueType };

/** JS source of an expression, its type, and whether it can be null. */
export interface ExprCode {
  code: string;
  type: ValueType;
  /** The value may be null (a `null` literal in a branch). */
  nullable?: boolean;
  /** The literal null itself (takes the other branch's type). */
  isNull?: boolean;
}

export function exprCode(e: Expr, path: PathCode): ExprCode {
  switch (e.op) {
    case "num":
      return { code: `(${e.value})`, type: "number" };
    case "str":
      return { code: JSON.stringify(e.value), type: "string" };
    case "bool":
      return { code: String(e.value), type: "boolean" };
    case "null":
      return { code: "null", type: "string", nullable: true, isNull: true };
    case "path":
      return path(e.path, e.prev);
    case "call": {
      if ((FACETS as readonly string[]).includes(e.fn) && e.args[0]?.op === "path")
        return path(e.args[0].path, false, e.fn as Facet);
      const args = e.args.map((a) => exprCode(a, path).code);
      const code =
        e.fn === "clamp"
          ? `Math.min(Math.max(${args[0]}, ${args[1]}), ${args[2]})`
          : `Math.${e.fn}(${args.join(", ")})`;
      return { code, type: "number" };
    }
    case "unary": {
      const arg = exprCode(e.arg, path);
      return e.operator === "-"
        ? { code: `(-${arg.code})`, type: "number" }
        : { code: `(!${arg.code})`, type: "boolean" };
    }
    case "binary": {
      const l = exprCode(e.left, path);
      const r = exprCode(e.right, path);
      const js = e.operator === "==" ? "===" : e.operator === "!=" ? "!==" : e.operator;
      const type: ValueType = ["==", "!=", "<", "<=", ">", ">=", "&&", "||"].includes(e.operator)
        ? "boolean"
        : e.operator === "+" && (l.type === "string" || r.type === "string")
          ? "string"
          : "number";
      return { code: `(${l.code} ${js} ${r.code})`, type };
    }
    case "cond": {
      const t = exprCode(e.test, path);
      const a = exprCode(e.then, path);
      const b = exprCode(e.else, path);
      const type = a.isNull ? b.type : b.isNull ? a.type : a.type === b.type ? a.type : "string";
      const nullable = a.nullable === true || b.nullable === true;
      return {
        code: `(${t.code} ? ${a.code} : ${b.code})`,
        type,
        ...(nullable ? { nullable } : {}),
        ...(a.isNull && b.isNull ? { isNull: true } : {}),
      };
    }
  }
}
