/**
 * The loop that draws a map's entries, shared by the JSON text and the value builders so both
 * draw the same keys in the same order. Listed keys: a drawn count of distinct keys, taken in
 * list order (selection sampling: no draw when every key is taken). Generated keys: drawn per
 * entry, a repeat redrawn up to 8 times, then the entry is left out.
 */
import type { FieldNode, LeafNode, MapNode } from "../model.ts";
import type { CompiledLeaf } from "./leaf.ts";
import type { JsonContext } from "./json-tree.ts";

const REDRAWS = 8;

export interface MapEntry {
  /** Statements of one entry; `key` is its key's raw text, `keyJson` its JSON text (quoted). */
  (key: string, keyJson: string, jsonOf: (n: LeafNode) => CompiledLeaf): string[];
}

/** Statements that run `entry` once per drawn entry; `m` names the map's locals. */
export function mapLoop(node: MapNode, m: string, ctx: JsonContext, entry: MapEntry): string {
  const n = `${m}n`;
  const i = `${m}i`;
  const count =
    node.minSize === node.maxSize
      ? String(node.minSize)
      : `${node.minSize} + R.int(${node.maxSize - node.minSize + 1})`;
  const slots = Math.max(1, node.maxSize);
  const values = ctx.itemLeaves(node.values, i, slots);
  const valueLines = (key: string, keyJson: string): string[] => [
    values.declare.length > 0 ? `let ${values.declare.join(", ")};` : "",
    values.body,
    ...entry(key, keyJson, values.jsonOf),
  ];
  if (Array.isArray(node.keys)) {
    const total = node.keys.length;
    const keys = ctx.texts(node.keys);
    const texts = ctx.texts(node.keys.map((k) => JSON.stringify(k)));
    const x = `${m}x`;
    const q = `${m}q`;
    return [
      `let ${q} = ${count}, ${i} = 0;`,
      `for (let ${x} = 0; ${q} > 0; ${x}++) {`,
      `if (${q} < ${total} - ${x} && R.next() * (${total} - ${x}) >= ${q}) continue;`,
      `${q}--;`,
      ...valueLines(`${keys}[${x}]`, `${texts}[${x}]`),
      `${i}++;`,
      "}",
    ].join("\n");
  }
  const key = ctx.itemLeaves(node.keys as FieldNode, i, slots);
  const k = key.jsonOf(node.keys);
  const seen = ctx.texts([]);
  const t = `${m}t`;
  return [
    `${seen}.length = 0; const ${n} = ${count};`,
    `for (let ${i} = 0; ${i} < ${n}; ${i}++) {`,
    key.declare.length > 0 ? `let ${key.declare.join(", ")};` : "",
    `let ${t} = 0;`,
    `do { ${key.body} } while (${seen}.includes(${k.v}) && ++${t} < ${REDRAWS});`,
    `if (${t} === ${REDRAWS}) continue;`,
    `${seen}.push(${k.v});`,
    ...valueLines(k.v, k.json),
    "}",
  ].join("\n");
}
