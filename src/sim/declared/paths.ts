/** Field paths of a declared kind: what a reference resolves to, and the order fields are computed in. */
import { builtinType } from "./builtins.ts";
import { exprPaths, parseExpr } from "./expr.ts";
import { GENERATORS } from "./generators/index.ts";
import type { FieldNode, LeafNode, ObjectNode } from "./model.ts";
import type { ValueType } from "./value-type.ts";

/** Name of the pseudo-generator a constant field is read through (`unit: C` read by a ref or an expression). */
export const CONST_GEN = "const";

/**
 * Every leaf of the event (outside arrays) by path. Scalar constants are listed too, as leaves
 * of the pseudo-generator "const", so refs and expressions may read them.
 */
export function leavesByPath(fields: ObjectNode): Map<string, LeafNode> {
  const out = new Map<string, LeafNode>();
  const walk = (node: FieldNode, path: string): void => {
    if (node.kind === "leaf") out.set(node.path, node);
    else if (node.kind === "object")
      for (const f of node.fields) walk(f.node, path === "" ? f.name : `${path}.${f.name}`);
    else if (node.kind === "const" && path !== "" && !path.includes("[]")) out.set(path, constLeaf(path, node.value));
  };
  walk(fields, "");
  // A field that is {ref: other} reads as the field it names (expressions, templates, refs).
  const aliases: [string, string][] = [];
  const refs = (node: FieldNode, path: string): void => {
    if (node.kind === "ref" && path !== "") aliases.push([path, node.path]);
    else if (node.kind === "object")
      for (const f of node.fields) refs(f.node, path === "" ? f.name : `${path}.${f.name}`);
  };
  refs(fields, "");
  for (let round = 0; round < 4; round++) {
    for (const [path, target] of aliases) {
      const leaf = out.get(target);
      if (leaf && !out.has(path)) out.set(path, leaf);
    }
  }
  return out;
}

/** Leaves by their own path only (a {ref: ...} field's alias left out): each leaf once. */
export function ownLeaves(leaves: ReadonlyMap<string, LeafNode>): LeafNode[] {
  return [...leaves.entries()].filter(([path, leaf]) => path === leaf.path).map(([, leaf]) => leaf);
}

function constLeaf(path: string, value: unknown): LeafNode {
  const type: ValueType =
    typeof value === "number"
      ? "number"
      : typeof value === "boolean"
        ? "boolean"
        : typeof value === "string"
          ? "string"
          : "json";
  return {
    kind: "leaf",
    path,
    gen: CONST_GEN,
    params: { value },
    type,
    perDevice: true,
    omit: 0,
    nulls: 0,
    reading: false,
  };
}

/** Every object of the event (outside arrays) by path: a {ref: ...} may name one and copy it whole. */
export function objectsByPath(fields: ObjectNode): Map<string, ObjectNode> {
  const out = new Map<string, ObjectNode>();
  const walk = (node: ObjectNode, path: string): void => {
    for (const f of node.fields) {
      if (f.node.kind !== "object") continue;
      const child = path === "" ? f.name : `${path}.${f.name}`;
      out.set(child, f.node);
      walk(f.node, child);
    }
  };
  walk(fields, "");
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

/** Paths a leaf's value reads (relative, as written). */
export function valueRefsOf(leaf: LeafNode): string[] {
  return GENERATORS.get(leaf.gen)?.refs?.(leaf.params) ?? [];
}

/** Paths a leaf's `omit:` expression reads (it may read the leaf itself: computed after its value). */
export function omitRefsOf(leaf: LeafNode): string[] {
  if (leaf.omitIf === undefined) return [];
  try {
    return exprPaths(parseExpr(leaf.omitIf))
      .filter((p) => !p.prev)
      .map((p) => p.path);
  } catch {
    return [];
  }
}

/** Paths a leaf reads: its value's and its `omit:` expression's. */
export function refsOf(leaf: LeafNode): string[] {
  return [...valueRefsOf(leaf), ...omitRefsOf(leaf)];
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
    for (const ref of valueRefsOf(leaf)) {
      const target = resolveRef(leaf.path, ref, leaves);
      if (target) visit(target, [...stack, leaf.path]);
    }
    for (const ref of omitRefsOf(leaf)) {
      const target = resolveRef(leaf.path, ref, leaves);
      // An omit condition may read its own field (omit: "session == null"): computed first.
      if (target && target !== leaf) visit(target, [...stack, leaf.path]);
    }
    state.set(leaf.path, 2);
    order.push(leaf);
  };
  for (const leaf of leaves.values()) visit(leaf, []);
  return cycle ? { order, cycle } : { order };
}

/** A field's type, or a built-in name's (dt, index, ...) when no field has that name. */
export function typeOfRef(from: string, leaves: ReadonlyMap<string, LeafNode>): (ref: string) => ValueType | undefined {
  return (ref) => resolveRef(from, ref, leaves)?.type ?? builtinType(ref);
}
