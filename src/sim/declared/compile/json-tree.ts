/**
 * The JSON text of a subtree as one JS concatenation: constant fragments (keys, punctuation,
 * constants) are prepared once and merged, so an event costs one concatenation per value.
 * Arrays and objects with omittable keys need statements; those go to `pre`.
 */
import { asciiJson } from "../../format.ts";
import type { FieldNode, LeafNode, MapNode } from "../model.ts";
import type { CompiledLeaf } from "./leaf.ts";
import { distinctLoop, mapLoop, uniqueDraw } from "./distinct-loop.ts";

export interface JsonContext {
  /** The compiled leaf of a leaf node of this tree. */
  leaf: (node: LeafNode) => CompiledLeaf;
  /** The JSON expression of a referenced field, or the object a ref copies whole. */
  ref: (path: string) => string | FieldNode;
  /** Statements for the leaves inside an array item (called per item, with the item index var). */
  itemLeaves: (
    items: FieldNode,
    index: string,
    slots: number,
  ) => { declare: string[]; body: string; jsonOf: (n: LeafNode) => CompiledLeaf };
  unique: (prefix: string) => string;
  /** A run table of values (F[n]), made once. */
  texts: (list: readonly unknown[]) => string;
  /**
   * A table of texts with constant text around it: `C[n]` with `head` and `tail` joined onto each
   * entry, as the expression of the new table; undefined when `C[n]` is not a table of texts.
   */
  fold?: (table: string, head: string, tail: string) => string | undefined;
}

type Finite = NonNullable<CompiledLeaf["finite"]>;
type ObjectEntry = Extract<FieldNode, { kind: "object" }>["fields"][number];

/** Entries written to the JSON: `hidden` leaves and a member's group object are computed only. */
function written(fields: readonly ObjectEntry[]): ObjectEntry[] {
  return fields.filter((f) => f.hidden !== true && !(f.node.kind === "leaf" && f.node.hidden === true));
}
type Part = { text: string } | { code: string; finite?: Finite; table?: { of: string; index: string } };

export class JsonBuilder {
  readonly pre: string[] = [];

  constructor(private readonly ctx: JsonContext) {}

  /** JS expression of the node's JSON text. */
  expression(node: FieldNode): string {
    return joinParts(this.parts(node, this.ctx.leaf), this.ctx.fold);
  }

  private parts(node: FieldNode, leafOf: (n: LeafNode) => CompiledLeaf): Part[] {
    switch (node.kind) {
      case "const":
        return [{ text: asciiJson(JSON.stringify(node.value) ?? "null") }];
      case "ref": {
        const target = this.ctx.ref(node.path);
        // An object is copied whole from the values already computed (its own leaves are the event's).
        if (typeof target !== "string") return this.parts(target, this.ctx.leaf);
        const table = tableRead(target);
        return [table ? { code: target, table } : { code: target }];
      }
      case "leaf": {
        const c = leafOf(node);
        const table = tableRead(c.json);
        if (c.finite) return [{ code: c.json, finite: c.finite }];
        return table ? [{ code: c.json, table }] : splitQuoted(c.json);
      }
      case "array":
        return [{ code: this.array(node) }];
      case "map":
        return [{ code: this.map(node) }];
      case "object": {
        const fields = written(node.fields);
        const omittable = fields.some((f) => f.node.kind === "leaf" && leafOf(f.node).omitted !== "");
        if (omittable) return [{ code: this.objectWithOmits(fields, leafOf) }];
        const out: Part[] = [{ text: "{" }];
        fields.forEach((f, i) => {
          out.push({ text: `${i > 0 ? "," : ""}${asciiJson(JSON.stringify(f.name))}:` }, ...this.parts(f.node, leafOf));
        });
        out.push({ text: "}" });
        return out;
      }
    }
  }

  private objectWithOmits(fields: readonly ObjectEntry[], leafOf: (n: LeafNode) => CompiledLeaf): string {
    const o = this.ctx.unique("o");
    const sep = `${o}s`;
    const lines = [`let ${o} = "{"; let ${sep} = "";`];
    for (const f of fields) {
      const value = joinParts(this.parts(f.node, leafOf), this.ctx.fold);
      const add = `${o} += ${sep} + ${JSON.stringify(asciiJson(JSON.stringify(f.name)) + ":")} + ${value}; ${sep} = ",";`;
      const omitted = f.node.kind === "leaf" ? leafOf(f.node).omitted : "";
      lines.push(omitted ? `if (!${omitted}) { ${add} }` : add);
    }
    lines.push(`${o} += "}";`);
    this.pre.push(lines.join("\n"));
    return o;
  }

  private array(node: Extract<FieldNode, { kind: "array" }>): string {
    if (node.unique === true && node.items.kind === "leaf") return this.uniqueArray(node, node.items);
    const a = this.ctx.unique("a");
    const i = `${a}i`;
    const n = `${a}n`;
    const count =
      node.minLength === node.maxLength
        ? String(node.minLength)
        : `${node.minLength} + R.int(${node.maxLength - node.minLength + 1})`;
    const outer = this.pre.length;
    const items = this.ctx.itemLeaves(node.items, i, Math.max(1, node.maxLength));
    const inner = new JsonBuilder(this.ctx);
    const item = joinParts(inner.parts(node.items, items.jsonOf), this.ctx.fold);
    const lines = [
      `let ${a} = "["; const ${n} = ${count};`,
      `for (let ${i} = 0; ${i} < ${n}; ${i}++) {`,
      items.declare.length > 0 ? `let ${items.declare.join(", ")};` : "",
      items.body,
      ...inner.pre,
      `${a} += (${i} > 0 ? "," : "") + ${item};`,
      "}",
      `${a} += "]";`,
    ];
    this.pre.splice(outer, 0, lines.join("\n"));
    return a;
  }

  private uniqueArray(node: Extract<FieldNode, { kind: "array" }>, item: LeafNode): string {
    const a = this.ctx.unique("a");
    const sep = `${a}s`;
    const loop = distinctLoop(uniqueDraw(node, item), a, this.ctx, (_raw, json) => [
      `${a} += ${sep} + ${json}; ${sep} = ",";`,
    ]);
    this.pre.push([`let ${a} = "[", ${sep} = "";`, loop, `${a} += "]";`].join("\n"));
    return a;
  }

  private map(node: MapNode): string {
    const m = this.ctx.unique("m");
    const sep = `${m}s`;
    const outer = this.pre.length;
    const loop = mapLoop(node, m, this.ctx, (_key, keyJson, jsonOf) => {
      const inner = new JsonBuilder(this.ctx);
      const value = joinParts(inner.parts(node.values, jsonOf), this.ctx.fold);
      return [...inner.pre, `${m} += ${sep} + ${keyJson} + ":" + ${value}; ${sep} = ",";`];
    });
    this.pre.splice(outer, 0, [`let ${m} = "{", ${sep} = "";`, loop, `${m} += "}";`].join("\n"));
    return m;
  }
}

/** `'"' + v + '"'` as three parts, so the quotes merge into the constant text around them. */
function splitQuoted(json: string): Part[] {
  const m = /^'"' \+ ([\w$]+) \+ '"'$/.exec(json);
  return m ? [{ text: '"' }, { code: m[1] as string }, { text: '"' }] : [{ code: json }];
}

function mergeText(parts: readonly Part[]): Part[] {
  const merged: Part[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if ("text" in p && last && "text" in last) merged[merged.length - 1] = { text: last.text + p.text };
    else merged.push(p);
  }
  return merged;
}

/**
 * A value with a few known JSON texts (a status, true/false) takes the constant text on both
 * sides into each of its texts: `(s === "alarm" ? ',"status":"alarm"},' : ...)` is one piece
 * of the concatenation instead of three.
 */
function foldFinite(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Part;
    if (!("code" in p) || !p.finite) {
      out.push(p);
      continue;
    }
    const before = out[out.length - 1];
    const head = before && "text" in before ? (out.pop(), before.text) : "";
    const after = parts[i + 1];
    const tail = after && "text" in after ? (i++, after.text) : "";
    const wrap = (json: string): string => JSON.stringify(head + json + tail);
    const code = p.finite.cases.reduceRight(
      (rest, [cond, json]) => `(${cond} ? ${wrap(json)} : ${rest})`,
      wrap(p.finite.otherwise),
    );
    out.push({ code });
  }
  return out;
}

/** `C[3][index]` (a run table read at one index) → its table and index; undefined for any other code. */
function tableRead(code: string): { of: string; index: string } | undefined {
  const m = /^(C\[\d+\])\[/.exec(code);
  if (!m || !code.endsWith("]")) return undefined;
  const index = code.slice(m[0].length, -1);
  // The brackets must pair up inside, so the last one closes the first ([a] + C[1][b] does not).
  let depth = 0;
  for (const ch of index) {
    depth += ch === "[" || ch === "(" ? 1 : ch === "]" || ch === ")" ? -1 : 0;
    if (depth < 0) return undefined;
  }
  return depth === 0 && !/["'`]/.test(index) ? { of: m[1] as string, index } : undefined;
}

/**
 * A text looked up in a table (a location by device) takes the constant text on both sides into
 * a table of its own, made once: one piece of the concatenation instead of three.
 */
function foldTables(parts: readonly Part[], fold: JsonContext["fold"]): Part[] {
  if (!fold) return [...parts];
  const out: Part[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Part;
    const before = out[out.length - 1];
    const after = parts[i + 1];
    const head = before && "text" in before ? before.text : "";
    const tail = after && "text" in after ? after.text : "";
    const table = "code" in p && p.table && (head !== "" || tail !== "") ? fold(p.table.of, head, tail) : undefined;
    if (!table || !("code" in p) || !p.table) {
      out.push(p);
      continue;
    }
    if (head !== "") out.pop();
    if (tail !== "") i++;
    out.push({ code: `${table}[${p.table.index}]` });
  }
  return out;
}

/** Adjacent constants merged; the result is a JS expression. */
export function joinParts(parts: readonly Part[], fold?: JsonContext["fold"]): string {
  const merged = foldFinite(foldTables(mergeText(parts), fold));
  if (merged.length === 0) return '""';
  const code = merged.map((p) => ("text" in p ? JSON.stringify(p.text) : p.code));
  return merged.length === 1 && "code" in (merged[0] as Part) ? `("" + ${code[0]})` : code.join(" + ");
}
