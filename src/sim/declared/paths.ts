/** Field paths of a declared kind: what a reference resolves to, and the order fields are computed in. */
import { GENERATORS } from "./generators/index.ts";
import type { FieldNode, LeafNode, ObjectNode } from "./model.ts";
import type { ValueType } from "./value-type.ts";

/** Every leaf of the event (outside arrays) by path. */
export function leavesByPath(fields: ObjectNode): Map<string, LeafNode> {
  const out = new Map<string, LeafNode>();
  const walk = (node: FieldNode): void => {
    if (node.kind === "leaf") out.set(node.path, node);
    else if (node.kind === "object") for (const f of node.fields) walk(f.node);
  };
  walk(fields);
  return out;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf(".");
  return i < 0 ? "" : path.slice(0, i);
}

/**
 * The leaf a reference from `from` names: a sibling first ("value" next to "status"), then the
 * parent's siblings and so on up to the event's root.
 */
export function resolveRef(from: string, ref: string, leaves: ReadonlyMap<string, LeafNode>): LeafNode | undefined {
  for (let scope = parentOf(from); ; scope = parentOf(scope)) {
    const leaf = leaves.get(scope === "" ? ref : `${scope}.${ref}`);
    if (leaf) return leaf;
    if (scope === "") return undefined;
  }
}

/** Paths a leaf reads (relative, as written). */
export function refsOf(leaf: LeafNode): string[] {
  return GENERATORS.get(leaf.gen)?.refs?.(leaf.params) ?? [];
}

/** Leaves in an order where every leaf comes after those it reads, or the first cycle found. */
export function evaluationOrder(leaves: ReadonlyMap<string, LeafNode>): { order: LeafNode[]; cycle?: string[] } {
  const order: LeafNode[] = [];
  const state = new Map<string, 1 | 2>();
  let cycle: string[] | undefined;
  const visit = (leaf: LeafNode, stack: string[]): void => {
    const s = state.get(leaf.path);
    if (s === 2 || cycle) return;
    if (s === 1) {
      cycle = [...stack.slice(stack.indexOf(leaf.path)), leaf.path];
      return;
    }
    state.set(leaf.path, 1);
    for (const ref of refsOf(leaf)) {
      const target = resolveRef(leaf.path, ref, leaves);
      if (target) visit(target, [...stack, leaf.path]);
    }
    state.set(leaf.path, 2);
    order.push(leaf);
  };
  for (const leaf of leaves.values()) visit(leaf, []);
  return cycle ? { order, cycle } : { order };
}

export function typeOfRef(from: string, leaves: ReadonlyMap<string, LeafNode>): (ref: string) => ValueType | undefined {
  return (ref) => resolveRef(from, ref, leaves)?.type;
}
