/**
 * The declared fleet → one Shape per topic role: every rule writing to the role (the kind's
 * whole event or the rule's own value tree), merged across kinds. Types come from the tree
 * (generator, params, omit / nullable); generators that write ready-made JSON objects (location,
 * product) are typed from sampled records (`samples`).
 */
import { parseExpr, type Expr } from "../sim/declared/expr.ts";
import type { DeclaredFleet, DeviceKind, FieldNode, LeafNode } from "../sim/declared/model.ts";
import { join, mergeShapes, NAME, settle, shapeOfValues, type MapKeys, type Shape, type ShapeField } from "./shape.ts";

/** Sampled JSON values at a record path ("a.b", "readings[].x") of a role's records. */
export type SampleValues = (role: string, recordPath: string) => unknown[];

const ALWAYS_WHOLE = new Set(["poisson", "motion"]);
const CHOICE_GENS = new Set(["pick", "nth", "zipf"]);
const MAX_ENUM = 200;

export function deriveShapes(
  fleet: DeclaredFleet,
  roles: readonly string[],
  samples: SampleValues,
): { shapes: Map<string, Shape>; problems: string[] } {
  const shapes = new Map<string, Shape>();
  const problems: string[] = [];
  for (const role of roles) {
    let merged: Shape | undefined;
    for (const kind of fleet.kinds) {
      for (const rule of kind.topics) {
        if (rule.role !== role) continue;
        const shape = nodeShape(rule.value ?? kind.fields, { kind, role, samples, at: "" });
        const next = merged && !("problem" in shape) ? mergeShapes(merged, shape, "") : shape;
        if ("problem" in next) {
          problems.push(`topic ${role}: ${next.problem}`);
          merged = undefined;
          break;
        }
        merged = next;
      }
    }
    if (merged) shapes.set(role, settle(merged));
  }
  return { shapes, problems };
}

interface Where {
  kind: DeviceKind;
  role: string;
  samples: SampleValues;
  /** Path in the record (differs from the leaf's own path under refs). */
  at: string;
}

type Result = Shape | { problem: string };

function nodeShape(node: FieldNode, w: Where): Result {
  switch (node.kind) {
    case "const":
      return constShape(node.value);
    case "leaf":
      return leafShape(node, w);
    case "ref": {
      const target = findNode(w.kind.fields, node.path);
      return target
        ? nodeShape(target, w)
        : { problem: `${w.at}: {ref: ${node.path}} names no field of kind ${w.kind.name}` };
    }
    case "array": {
      const items = nodeShape(node.items, { ...w, at: `${w.at}[]` });
      return "problem" in items ? items : { t: "array", items, ...(node.unique ? { unique: true } : {}) };
    }
    case "map": {
      // Values are typed at "<map>[]", as array items are (valuesAt flattens a map's values there).
      const values = nodeShape(node.values, { ...w, at: `${w.at}[]` });
      if ("problem" in values) return values;
      const keys = mapKeys(node.keys);
      const nullable =
        node.values.kind === "leaf"
          ? node.values.nulls > 0
          : node.values.kind === "const" && node.values.value === null;
      return { t: "map", values, ...(keys ? { keys } : {}), ...(nullable ? { nullable } : {}) };
    }
    case "object": {
      const fields: ShapeField[] = [];
      for (const f of node.fields) {
        // Helpers (and a member's group object) are computed for other fields and never written.
        if (f.hidden === true || (f.node.kind === "leaf" && f.node.hidden)) continue;
        const at = join(w.at, f.name);
        if (!NAME.test(f.name))
          return {
            problem: `${at}: the name ${JSON.stringify(f.name)} is not a valid Avro/Protobuf field name (letters, digits, _; not starting with a digit)`,
          };
        const shape = nodeShape(f.node, { ...w, at });
        if ("problem" in shape) return shape;
        const leaf = f.node.kind === "leaf" ? f.node : undefined;
        fields.push({
          name: f.name,
          shape,
          optional: (leaf?.omit ?? 0) > 0 || leaf?.omitIf !== undefined,
          nullable: (leaf?.nulls ?? 0) > 0 || (f.node.kind === "const" && f.node.value === null),
        });
      }
      return { t: "record", fields };
    }
  }
}

/** What a map's keys are known to be: the listed keys, or a regex leaf's pattern. */
function mapKeys(keys: string[] | LeafNode): MapKeys | undefined {
  if (Array.isArray(keys)) return { enum: keys };
  if (keys.gen === "regex" && typeof keys.params["pattern"] === "string") return { pattern: keys.params["pattern"] };
  const choices = CHOICE_GENS.has(keys.gen) ? choiceList(keys.params) : undefined;
  return choices ? { enum: [...new Set(choices.map(String))] } : undefined;
}

function constShape(value: string | number | boolean | null): Shape {
  if (value === null) return { t: "null" };
  if (typeof value === "string") return { t: "string" };
  if (typeof value === "boolean") return { t: "boolean" };
  return Number.isInteger(value) ? { t: "long" } : { t: "double" };
}

function leafShape(leaf: LeafNode, w: Where): Result {
  const p = leaf.params;
  if (leaf.gen === "timestamp") {
    switch (p["format"]) {
      case "epoch-ms":
        return { t: "timestamp", unit: "millis", text: false };
      case "epoch-us":
        return { t: "timestamp", unit: "micros", text: false };
      case "iso":
        return { t: "timestamp", unit: p["precision"] === 6 ? "micros" : "millis", text: true };
      case "plain":
        return { t: "string" };
      default:
        return { t: "long" };
    }
  }
  // An expression's type in a topic value is only known when compiled; string results are literals.
  const exprStrings = leaf.gen === "expr" || leaf.gen === "state" ? stringValues(leaf) : undefined;
  const type = exprStrings ? "string" : leaf.type;
  switch (type) {
    case "boolean":
      return { t: "boolean" };
    case "number":
      return isWhole(leaf) ? { t: "long" } : { t: "double" };
    case "string": {
      const symbols = stringValues(leaf);
      return symbols && symbols.length <= MAX_ENUM && symbols.every((s) => NAME.test(s))
        ? { t: "enum", symbols }
        : { t: "string" };
    }
    case "json": {
      const shape = shapeOfValues(w.samples(w.role, w.at), w.at);
      return "t" in shape && shape.t === "record" ? { ...shape, shared: true } : shape;
    }
  }
}

function isWhole(leaf: LeafNode): boolean {
  const p = leaf.params;
  if (p["decimals"] === 0 || ALWAYS_WHOLE.has(leaf.gen)) return true;
  if (leaf.gen === "counter") return [p["start"], p["step"]].every((x) => Number.isInteger(x));
  if (CHOICE_GENS.has(leaf.gen)) return (choiceList(p) ?? []).every((x) => Number.isInteger(x));
  return false;
}

/** Every string a leaf can write, when the tree says (choices, expressions of literals). */
function stringValues(leaf: LeafNode): string[] | undefined {
  if (CHOICE_GENS.has(leaf.gen)) {
    const values = choiceList(leaf.params);
    return values ? [...new Set(values.map(String))] : undefined;
  }
  // A state machine writes the names of its states.
  const states = leaf.params["states"];
  if (leaf.gen === "state" && states && typeof states === "object" && !Array.isArray(states))
    return Object.keys(states);
  if (leaf.gen === "expr" && typeof leaf.params["expr"] === "string") {
    try {
      return literals(parseExpr(leaf.params["expr"]));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function literals(e: Expr): string[] | undefined {
  if (e.op === "str") return [e.value];
  if (e.op !== "cond") return undefined;
  const a = literals(e.then);
  const b = literals(e.else);
  return a && b ? [...new Set([...a, ...b])] : undefined;
}

function choiceList(p: Readonly<Record<string, unknown>>): unknown[] | undefined {
  const v = p["values"];
  if (Array.isArray(v)) return v;
  if (v && typeof v === "object" && Array.isArray((v as { values?: unknown }).values))
    return (v as { values: unknown[] }).values;
  return undefined;
}

/** The node at a dotted path of the kind's fields. */
function findNode(root: FieldNode, path: string): FieldNode | undefined {
  let node: FieldNode | undefined = root;
  for (const name of path.split(".")) {
    if (node?.kind !== "object") return undefined;
    node = node.fields.find((f) => f.name === name)?.node;
  }
  return node;
}

/** Values at a record path of parsed JSON records; arrays on the way are flattened. */
export function valuesAt(records: readonly unknown[], path: string): unknown[] {
  let level: unknown[] = [...records];
  for (const part of path === "" ? [] : path.split(".")) {
    const array = part.endsWith("[]");
    const name = array ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const v of level) {
      if (v === null || typeof v !== "object" || Array.isArray(v)) continue;
      const child = (v as Record<string, unknown>)[name];
      if (child === undefined) continue;
      if (array && Array.isArray(child)) next.push(...(child as unknown[]));
      else if (array && child !== null && typeof child === "object") next.push(...Object.values(child));
      else next.push(child);
    }
    level = next;
  }
  return level;
}
