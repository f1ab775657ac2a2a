/**
 * The loop that draws distinct things, shared by the JSON text and the value builders so both
 * draw the same in the same order: a map's keys, and the items of a `unique` array. From a list:
 * a drawn count of distinct entries, taken in list order (selection sampling: no draw when every
 * entry is taken). From a generator: drawn per entry, a repeat redrawn, then left out.
 */
import { asciiJson } from "../../format.ts";
import { choiceList } from "../choice-list.ts";
import type { ArrayNode, FieldNode, LeafNode, MapNode } from "../model.ts";
import type { CompiledLeaf } from "./leaf.ts";

/** What the loop needs of the builders' context (json-tree.ts's JsonContext; not imported: it imports this). */
interface JsonContext {
  itemLeaves: (
    items: FieldNode,
    index: string,
    slots: number,
  ) => { declare: string[]; body: string; jsonOf: (n: LeafNode) => CompiledLeaf };
  texts: (list: readonly unknown[]) => string;
}

export interface Distinct {
  /** The values to take distinct ones of, or the generator drawing them. */
  source: readonly unknown[] | LeafNode;
  min: number;
  max: number;
  /** A map's value tree, computed per entry after its key. */
  values?: FieldNode;
  /** Draws of one entry before a repeat is given up. */
  redraws: number;
}

/**
 * Statements of one entry: `raw` is the drawn thing (JS expression), `json` its JSON text,
 * `value` what a binary format writes, and `jsonOf` the compiled leaves of the value tree.
 */
export type Entry = (raw: string, json: string, jsonOf: (n: LeafNode) => CompiledLeaf, value: string) => string[];

export function mapLoop(node: MapNode, m: string, ctx: JsonContext, entry: Entry): string {
  const d = { source: node.keys, min: node.minSize, max: node.maxSize, values: node.values, redraws: 8 };
  return distinctLoop(d, m, ctx, entry);
}

/** A `unique` array's items: from its choice list when it has one, else redrawn on a repeat. */
export function uniqueDraw(node: ArrayNode, item: LeafNode): Distinct {
  const list = choiceList(item);
  return { source: list ?? item, min: node.minLength, max: node.maxLength, redraws: 32 };
}

/** Statements that run `entry` once per distinct thing drawn; `m` names the loop's locals. */
export function distinctLoop(d: Distinct, m: string, ctx: JsonContext, entry: Entry): string {
  const n = `${m}n`;
  const i = `${m}i`;
  const count = d.min === d.max ? String(d.min) : `${d.min} + R.int(${d.max - d.min + 1})`;
  const slots = Math.max(1, d.max);
  const values = d.values ? ctx.itemLeaves(d.values, i, slots) : undefined;
  const valueLines = (raw: string, json: string, value: string): string[] => [
    values && values.declare.length > 0 ? `let ${values.declare.join(", ")};` : "",
    values?.body ?? "",
    ...entry(raw, json, values?.jsonOf ?? missing, value),
  ];
  if (isList(d.source)) {
    const total = d.source.length;
    const raw = ctx.texts(d.source);
    const texts = ctx.texts(d.source.map((v) => asciiJson(JSON.stringify(v))));
    const x = `${m}x`;
    const q = `${m}q`;
    return [
      `let ${q} = ${count}, ${i} = 0;`,
      `for (let ${x} = 0; ${q} > 0; ${x}++) {`,
      `if (${q} < ${total} - ${x} && R.next() * (${total} - ${x}) >= ${q}) continue;`,
      `${q}--;`,
      ...valueLines(`${raw}[${x}]`, `${texts}[${x}]`, `${raw}[${x}]`),
      `${i}++;`,
      "}",
    ].join("\n");
  }
  const gen = ctx.itemLeaves(d.source, i, slots);
  const k = gen.jsonOf(d.source);
  // Repeats are told by the JSON text: two numbers that round alike are one value.
  const seen = ctx.texts([]);
  const t = `${m}t`;
  const j = `${m}j`;
  return [
    `${seen}.length = 0; const ${n} = ${count};`,
    `for (let ${i} = 0; ${i} < ${n}; ${i}++) {`,
    gen.declare.length > 0 ? `let ${gen.declare.join(", ")};` : "",
    `let ${t} = 0, ${j};`,
    `do { ${gen.body}\n${j} = ${k.json}; } while (${seen}.includes(${j}) && ++${t} < ${d.redraws});`,
    `if (${t} === ${d.redraws}) continue;`,
    `${seen}.push(${j});`,
    ...valueLines(k.v, j, k.value),
    "}",
  ].join("\n");
}

const isList = (s: Distinct["source"]): s is readonly unknown[] => Array.isArray(s);

function missing(n: LeafNode): never {
  throw new Error(`${n.path}: not a leaf of the map's values`);
}
