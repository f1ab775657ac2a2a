/**
 * What a kind's fields read: every name resolves (to a field, a constant, an object for a ref, or
 * a built-in such as dt), facets name the right generator, nothing reads itself in a cycle, and
 * expression types are known.
 */
import { closest } from "../../common/suggest.ts";
import { isBuiltin } from "./builtins.ts";
import { exprFacets, exprPaths, parseExpr } from "./expr.ts";
import { GENERATORS } from "./generators/index.ts";
import { templatePaths } from "./template.ts";
import type { FieldNode, LeafNode, ObjectNode } from "./model.ts";
import { evaluationOrder, objectsByPath, ownLeaves, resolveRef, typeOfRef, valueRefsOf } from "./paths.ts";
import type { Problems } from "./problems.ts";

/** Refs, facets, omit conditions, cycles and types of a tree's leaves (`tree` also checks {ref: ...} nodes). */
export function checkLeafGraph(
  leaves: ReadonlyMap<string, LeafNode>,
  path: string,
  problems: Problems,
  tree?: ObjectNode,
): void {
  checkRefs(leaves, path, problems);
  if (tree) checkRefNodes(tree, `${path}`, leaves, objectsByPath(tree), problems);
  const { order, cycle } = evaluationOrder(leaves);
  if (cycle) problems.add(path, `fields read each other in a cycle: ${cycle.join(" → ")}`);
  else inferTypes(order, leaves, path, problems);
}

/** Built-in names whose value changes from one event of a device to the next. */
const PER_EVENT_BUILTINS = ["dt", "now", "first", "anomaly"];

function unknownName(ref: string, leaves: ReadonlyMap<string, LeafNode>): string {
  const guess = closest(ref, [...leaves.keys()]);
  return `names no field ${JSON.stringify(ref)}${guess ? ` (did you mean "${guess}"?)` : ""}`;
}

function checkRefs(leaves: ReadonlyMap<string, LeafNode>, path: string, problems: Problems): void {
  for (const leaf of ownLeaves(leaves)) {
    const where = `${path}.${leaf.path}`;
    for (const ref of valueRefsOf(leaf)) {
      const target = resolveRef(leaf.path, ref, leaves);
      if (!target) {
        if (!isBuiltin(ref) || (leaf.gen !== "expr" && leaf.gen !== "template"))
          problems.add(where, unknownName(ref, leaves));
        else if (leaf.perDevice) problems.add(where, `is fixed per device but reads ${ref}, which changes per event`);
      } else if (refGeneratorProblem(leaf, ref, target)) {
        problems.add(where, refGeneratorProblem(leaf, ref, target) ?? "");
      } else if (leaf.perDevice && !target.perDevice) {
        problems.add(where, `is fixed per device but reads ${target.path}, which changes per event`);
      }
    }
    // A value fixed per device cannot follow time: {dt} in an id's format would freeze its first value.
    if (leaf.perDevice) {
      for (const [key, param] of Object.entries(GENERATORS.get(leaf.gen)?.params ?? {})) {
        if (param.type !== "template" || typeof leaf.params[key] !== "string") continue;
        for (const ref of templatePaths(leaf.params[key])) {
          if (PER_EVENT_BUILTINS.includes(ref) && !resolveRef(leaf.path, ref, leaves))
            problems.add(`${where}.${key}`, `is fixed per device but reads ${ref}, which changes per event`);
        }
      }
    }
    const texts = [leaf.gen === "expr" ? String(leaf.params["expr"]) : undefined, leaf.omitIf].filter(
      (t): t is string => t !== undefined,
    );
    for (const text of texts) {
      try {
        const tree = parseExpr(text);
        for (const f of exprFacets(tree)) {
          const target = resolveRef(leaf.path, f.path, leaves);
          const gens = [...GENERATORS.values()].filter((g) => g.facets?.includes(f.fn)).map((g) => g.name);
          if (target && !gens.includes(target.gen))
            problems.add(
              where,
              `${f.fn}(${f.path}): must name a ${gens.join(" or ")} field, ${target.path} is ${target.gen}`,
            );
        }
        if (text === leaf.omitIf) {
          for (const p of exprPaths(tree))
            if (!p.prev && !resolveRef(leaf.path, p.path, leaves) && !isBuiltin(p.path))
              problems.add(`${where}.omit`, unknownName(p.path, leaves));
        }
      } catch {
        // Reported where the expression was parsed.
      }
    }
  }
}

/**
 * Why a ref to object `path` cannot copy it, if it cannot: an object copied whole may not copy
 * objects itself (that could copy itself, forever).
 */
export function objectRefProblem(
  path: string,
  leaves: ReadonlyMap<string, LeafNode>,
  objects: ReadonlyMap<string, ObjectNode>,
): string | undefined {
  const copies = (node: FieldNode): boolean =>
    node.kind === "ref"
      ? !resolveRef("", node.path, leaves) && objects.has(node.path)
      : node.kind === "object"
        ? node.fields.some((f) => copies(f.node))
        : node.kind === "array"
          ? copies(node.items)
          : node.kind === "map"
            ? copies(node.values)
            : false;
  const object = objects.get(path);
  return object && copies(object)
    ? `{ref: ${path}} copies an object that copies another by ref; ref its fields instead`
    : undefined;
}

/** Every {ref: ...} in the event names a field, a constant or an object (copied whole). */
function checkRefNodes(
  node: FieldNode,
  path: string,
  leaves: ReadonlyMap<string, LeafNode>,
  objects: ReadonlyMap<string, ObjectNode>,
  problems: Problems,
): void {
  if (node.kind === "ref") {
    if (!resolveRef("", node.path, leaves) && !objects.has(node.path)) {
      const guess = closest(node.path, [...leaves.keys(), ...objects.keys()]);
      problems.add(path, `{ref: ${node.path}} names no field${guess ? ` (did you mean "${guess}"?)` : ""}`);
    } else if (!resolveRef("", node.path, leaves)) {
      const problem = objectRefProblem(node.path, leaves, objects);
      if (problem) problems.add(path, problem);
    }
  } else if (node.kind === "object") {
    for (const f of node.fields) checkRefNodes(f.node, `${path}.${f.name}`, leaves, objects, problems);
  } else if (node.kind === "array") {
    checkRefNodes(node.items, `${path}.array`, leaves, objects, problems);
  } else if (node.kind === "map") {
    checkRefNodes(node.values, `${path}.map`, leaves, objects, problems);
  }
}

/** "correlate: must name a reading field" when a param reads another generator's internals. */
function refGeneratorProblem(leaf: LeafNode, ref: string, target: LeafNode): string | undefined {
  const needs = GENERATORS.get(leaf.gen)?.refGenerators ?? {};
  for (const [param, gens] of Object.entries(needs)) {
    if (leaf.params[param] === ref && !gens.includes(target.gen))
      return `${param}: must name a ${gens.join(" or ")} field, ${target.path} is ${target.gen}`;
  }
  return undefined;
}

function inferTypes(
  order: readonly LeafNode[],
  leaves: ReadonlyMap<string, LeafNode>,
  path: string,
  problems: Problems,
): void {
  for (const leaf of order) {
    const spec = GENERATORS.get(leaf.gen);
    if (!spec?.infer) continue;
    try {
      leaf.type = spec.infer(leaf.params, typeOfRef(leaf.path, leaves));
    } catch (error) {
      problems.add(`${path}.${leaf.path}`, error instanceof Error ? error.message : String(error));
    }
  }
}
