/**
 * Kinds whose generated code differs only in constants (literals, state arrays, run constants)
 * share one function: a factory closes over each kind's constants, so interleaved kinds run one
 * body and its call sites see one shape instead of one large function per kind.
 */

/** Names the generated code was given: per-kind state arrays and compiler-made locals. */
export interface ShareNames {
  states: ReadonlySet<string>;
  locals: ReadonlySet<string>;
}

/** A kind's code with its constants cut out: `text` joins the pieces around `holes`. */
interface Skeleton {
  pieces: string[];
  holes: string[];
}

// Strings, run-table reads (C[3], M[0], F[1]; a call C[3](x) keeps C as its `this`: only 3 is cut out),
// identifiers, numbers, any other single character.
const TOKEN =
  /\s+|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[CMF]\[\d+\](?!\s*\()|[A-Za-z_$][\w$]*|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[^]/gy;
/** After one of these a `/` would start a regular expression, not divide. */
const BEFORE_REGEX = new Set([
  "(",
  ",",
  "=",
  ":",
  "[",
  "!",
  "&",
  "|",
  "?",
  "{",
  "}",
  ";",
  "+",
  "-",
  "*",
  "%",
  "<",
  ">",
  "~",
  "^",
]);

/** The kind's code with every literal, state array and run-table read as a hole; undefined if unsure. */
function skeleton(source: string, names: ShareNames): Skeleton | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(source); m; m = TOKEN.exec(source)) tokens.push(m[0]);
  const significant = (from: number, step: number): string => {
    for (let i = from + step; i >= 0 && i < tokens.length; i += step) {
      const tok = tokens[i] ?? "";
      if (!/^\s+$/.test(tok)) return tok;
    }
    return "";
  };
  const renamed = new Map<string, string>();
  const pieces: string[] = [""];
  const holes: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let tok = tokens[i] ?? "";
    // A negative literal, (-0.2), is one constant: kinds with 0.2 and -0.2 there are alike.
    if (tok === "-" && /^\d/.test(tokens[i + 1] ?? "") && BEFORE_REGEX.has(significant(i, -1))) tok += tokens[++i];
    const first = tok[0] ?? "";
    // Code this pass cannot read with certainty keeps its own function.
    if (first === "`") return undefined;
    if (first === "/" && (tokens[i + 1] === "/" || tokens[i + 1] === "*" || BEFORE_REGEX.has(significant(i, -1))))
      return undefined;
    const literal = first === '"' || first === "'" || /^-?\d/.test(tok);
    // A literal before `:` after `{` or `,` is an object key, which a name cannot replace.
    const key = literal && significant(i, 1) === ":" && /^[{,]$/.test(significant(i, -1));
    if ((literal && !key) || /^[CMF]\[/.test(tok) || names.states.has(tok)) {
      holes.push(tok);
      pieces.push("");
      continue;
    }
    // A local's name, or one made from it (f3_t, a12i, o11s): the number ends the local's part.
    const base = /^[A-Za-z_$]+\d+/.exec(tok)?.[0] ?? "";
    let text = tok;
    if (base !== "" && names.locals.has(base)) {
      // Locals numbered by the compiler get the same names in every kind: u$<first use>.
      let canonical = renamed.get(base);
      if (canonical === undefined) renamed.set(base, (canonical = `u$${renamed.size}`));
      text = canonical + tok.slice(base.length);
    }
    pieces[pieces.length - 1] += text;
  }
  return { pieces, holes };
}

/** Top-level code for the kinds, and per kind the call that runs one event of it. */
export interface SharedKinds {
  code: string[];
  /** `k0(d, t, sink, fx, R)`, or a shared function with the kind's constants: `shape1(d, t, sink, fx, R, K1)`. */
  calls: string[];
}

const SIGNATURE = "function (d, t, sink, fx, R) {";

/**
 * Kinds' sources (each `function (d, t, sink, fx, R) {...}`) → their code. A kind alike no other
 * keeps its own function k<i>; alike kinds run one function that reads the constants they differ
 * in from an object per kind (one function object, so V8 shares its feedback and optimised code:
 * closures made by a factory run once would each get their own).
 */
export function sharedKinds(sources: readonly string[], names: ShareNames): SharedKinds {
  const skeletons = sources.map((s) => (s.startsWith(SIGNATURE) ? skeleton(s, names) : undefined));
  const groups = new Map<string, number[]>();
  skeletons.forEach((s, i) => {
    const key = s ? s.pieces.join("\0") : `own ${i}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const code: string[] = [];
  const calls: string[] = [];
  for (const members of groups.values()) {
    const first = members[0] ?? 0;
    const shape = skeletons[first];
    if (members.length === 1 || !shape) {
      for (const i of members) {
        code.push(`const k${i} = ${sources[i] ?? ""};`);
        calls[i] = `k${i}(d, t, sink, fx, R)`;
      }
      continue;
    }
    // A hole the same in every member stays a literal; the rest are read from the kind's object
    // (one property per distinct list of the members' values).
    const props = new Map<string, string>();
    const values: string[][] = members.map(() => []);
    let body = shape.pieces[0] ?? "";
    shape.holes.forEach((hole, h) => {
      const column = members.map((i) => skeletons[i]?.holes[h] ?? "");
      let text = hole;
      if (column.some((v) => v !== hole)) {
        const key = column.join("\0");
        let prop = props.get(key);
        if (prop === undefined) {
          props.set(key, (prop = `p${props.size}`));
          column.forEach((v, m) => values[m]?.push(v));
        }
        text = `$K.${prop}`;
      }
      body += text + (shape.pieces[h + 1] ?? "");
    });
    const names_ = [...props.values()];
    code.push(`const shape${first} = function (d, t, sink, fx, R, $K) {${body.slice(SIGNATURE.length)};`);
    members.forEach((i, m) => {
      code.push(`const K${i} = { ${names_.map((p, n) => `${p}: ${values[m]?.[n] ?? ""}`).join(", ")} };`);
      calls[i] = `shape${first}(d, t, sink, fx, R, K${i})`;
    });
  }
  return { code, calls };
}
