/**
 * String templates: "dev-{number:05}", "{site}/{device_id}". {index} is the device index from 0,
 * {number} = index + 1, {kind} the device kind; anything else names a field of the event. A
 * width after ":" pads numbers with zeros ({number:05}) or strings with spaces. "{{" is a brace.
 */
import type { CodeContext } from "./compile/context.ts";

export type TemplatePart = string | { path: string; width: number };

const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?::(0?\d{1,2}))?\}/g;
export const BUILT_IN_NAMES = ["index", "number", "kind"] as const;

/** Parts of a template; throws SyntaxError on a stray brace. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  let literal = "";
  for (const m of text.matchAll(PLACEHOLDER)) {
    const between = text.slice(last, m.index);
    if (/[{}]/.test(between))
      throw new SyntaxError(`stray brace in ${JSON.stringify(text)} (write {{ or }} for a brace, {field} for a value)`);
    literal += between;
    last = m.index + m[0].length;
    if (m[0] === "{{" || m[0] === "}}") {
      literal += m[0][0];
      continue;
    }
    if (literal) parts.push(literal);
    literal = "";
    parts.push({ path: m[1] as string, width: m[2] === undefined ? 0 : Number(m[2]) });
  }
  const rest = text.slice(last);
  if (/[{}]/.test(rest))
    throw new SyntaxError(`stray brace in ${JSON.stringify(text)} (write {{ or }} for a brace, {field} for a value)`);
  literal += rest;
  if (literal) parts.push(literal);
  return parts;
}

/** Field paths a template reads (built-in names left out). */
export function templatePaths(text: string): string[] {
  try {
    return parseTemplate(text).flatMap((p) =>
      typeof p === "string" || (BUILT_IN_NAMES as readonly string[]).includes(p.path) ? [] : [p.path],
    );
  } catch {
    return [];
  }
}

/** JS expression of the template's string. */
export function templateCode(text: string, c: Pick<CodeContext, "ref" | "d">, kindName = ""): string {
  const pieces = parseTemplate(text).map((p) => {
    if (typeof p === "string") return JSON.stringify(p);
    const raw =
      p.path === "index"
        ? { code: c.d, type: "number" }
        : p.path === "number"
          ? { code: `(${c.d} + 1)`, type: "number" }
          : p.path === "kind"
            ? { code: JSON.stringify(kindName), type: "string" }
            : c.ref(p.path);
    if (p.width === 0) return raw.type === "string" ? raw.code : `String(${raw.code})`;
    return raw.type === "number" ? `pad(${raw.code}, ${p.width})` : `String(${raw.code}).padStart(${p.width})`;
  });
  return pieces.length === 0
    ? '""'
    : pieces.length === 1 && pieces[0]?.startsWith('"')
      ? (pieces[0] ?? '""')
      : `("" + ${pieces.join(" + ")})`;
}
