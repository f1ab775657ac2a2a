/**
 * The value of a subtree as one JS expression (object literals of a fixed shape, a left-out key
 * as undefined) for the binary formats, built from the same leaves as the JSON text: arrays are
 * filled by statements in `pre`, in the same order as json-tree.ts draws them, so a record has
 * the same values whichever of the two is built.
 */
import type { FieldNode, LeafNode, MapNode } from "../model.ts";
import type { JsonContext } from "./json-tree.ts";
import type { CompiledLeaf } from "./leaf.ts";
import { distinctLoop, mapLoop, uniqueDraw } from "./distinct-loop.ts";

type ObjectEntry = Extract<FieldNode, { kind: "object" }>["fields"][number];

/** Entries written to the record: `hidden` leaves and a member's group object are computed only. */
function written(fields: readonly ObjectEntry[]): ObjectEntry[] {
  return fields.filter((f) => f.hidden !== true && !(f.node.kind === "leaf" && f.node.hidden === true));
}

/** A property name in an object literal ("__proto__" as a plain key would set the prototype). */
function key(name: string): string {
  return name === "__proto__" ? `["__proto__"]` : JSON.stringify(name);
}

export class ValueBuilder {
  readonly pre: string[] = [];

  /** `ref` answers with the referenced leaf's value expression (or the object a ref copies). */
  constructor(private readonly ctx: JsonContext) {}

  expression(node: FieldNode): string {
    return this.value(node, this.ctx.leaf);
  }

  private value(node: FieldNode, leafOf: (n: LeafNode) => CompiledLeaf): string {
    switch (node.kind) {
      case "const":
        return node.value === null ? "null" : JSON.stringify(node.value);
      case "ref": {
        const target = this.ctx.ref(node.path);
        return typeof target === "string" ? target : this.value(target, this.ctx.leaf);
      }
      case "leaf":
        return leafOf(node).value;
      case "array":
        return this.array(node);
      case "map":
        return this.map(node);
      case "object": {
        const entries = written(node.fields).map((f) => {
          const v = this.value(f.node, leafOf);
          const omitted = f.node.kind === "leaf" ? leafOf(f.node).omitted : "";
          return `${key(f.name)}: ${omitted ? `(${omitted} ? undefined : ${v})` : v}`;
        });
        return `{ ${entries.join(", ")} }`;
      }
    }
  }

  private array(node: Extract<FieldNode, { kind: "array" }>): string {
    const a = this.ctx.unique("a");
    if (node.unique === true && node.items.kind === "leaf") {
      const loop = distinctLoop(uniqueDraw(node, node.items), a, this.ctx, (_r, _j, _l, value) => [
        `${a}.push(${value});`,
      ]);
      this.pre.push(`const ${a} = [];`, loop);
      return a;
    }
    const i = `${a}i`;
    const n = `${a}n`;
    const count =
      node.minLength === node.maxLength
        ? String(node.minLength)
        : `${node.minLength} + R.int(${node.maxLength - node.minLength + 1})`;
    const items = this.ctx.itemLeaves(node.items, i, Math.max(1, node.maxLength));
    const inner = new ValueBuilder(this.ctx);
    const item = inner.value(node.items, items.jsonOf);
    this.pre.push(
      [
        `const ${a} = []; const ${n} = ${count};`,
        `for (let ${i} = 0; ${i} < ${n}; ${i}++) {`,
        items.declare.length > 0 ? `let ${items.declare.join(", ")};` : "",
        items.body,
        ...inner.pre,
        `${a}.push(${item});`,
        "}",
      ].join("\n"),
    );
    return a;
  }

  private map(node: MapNode): string {
    const m = this.ctx.unique("m");
    const loop = mapLoop(node, m, this.ctx, (key, _json, jsonOf) => {
      const inner = new ValueBuilder(this.ctx);
      const value = inner.value(node.values, jsonOf);
      return [...inner.pre, `${m}[${key}] = ${value};`];
    });
    this.pre.push(`const ${m} = {};`, loop);
    return m;
  }
}
