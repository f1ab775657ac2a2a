/** One topic rule of a kind: key and header templates, the value (default: the event), when it writes. */
import { isMap } from "../../common/is-map.ts";
import { closest } from "../../common/suggest.ts";
import { isBuiltin } from "./builtins.ts";
import { exprPaths, parseExpr } from "./expr.ts";
import { GENERATORS } from "./generators/index.ts";
import type { EmitWhen, FieldNode, LeafNode, ObjectNode, TopicRule } from "./model.ts";
import { show } from "./param-values.ts";
import { objectsByPath, resolveRef } from "./paths.ts";
import { parseTemplate, templatePaths } from "./template.ts";
import type { Problems } from "./problems.ts";
import { validateNode } from "./validate-node.ts";
import { objectRefProblem } from "./validate-refs.ts";

export const RULE_KEYS = ["key", "headers", "value", "probability", "if", "repeat"] as const;
const HEADER_NAME = /^[\x21-\x7e]{1,249}$/;

export function validateRule(
  role: string,
  raw: unknown,
  path: string,
  leaves: ReadonlyMap<string, LeafNode>,
  problems: Problems,
  counter: { leaves: number },
  tree: ObjectNode,
): TopicRule | undefined {
  if (!isMap(raw)) {
    problems.add(
      path,
      `must be a map (key, headers, value, probability / if / repeat), or {} for the whole event on every sample, got ${show(raw)}`,
    );
    return undefined;
  }
  problems.unknownKeys(raw, RULE_KEYS, path);
  const objects = objectsByPath(tree);
  const known = (ref: string, where: string, object = false): void => {
    if (resolveRef("", ref, leaves) || isBuiltin(ref)) return;
    if (object && objects.has(ref)) {
      const problem = objectRefProblem(ref, leaves, objects);
      if (problem) problems.add(where, problem);
      return;
    }
    const guess = closest(ref, [...leaves.keys(), ...(object ? objects.keys() : [])]);
    problems.add(where, `names no field ${JSON.stringify(ref)}${guess ? ` (did you mean "${guess}"?)` : ""}`);
  };
  const template = (value: unknown, where: string): string | undefined => {
    if (typeof value !== "string" || value.length === 0 || value.length > 1000) {
      problems.add(where, `must be a template like "{device_id}", got ${show(value)}`);
      return undefined;
    }
    try {
      parseTemplate(value);
    } catch (error) {
      problems.add(where, (error as Error).message);
      return undefined;
    }
    for (const ref of templatePaths(value)) known(ref, where);
    return value;
  };

  const key = raw["key"] === undefined ? defaultKey(leaves) : (template(raw["key"], `${path}.key`) ?? "");
  const headers: TopicRule["headers"] = [];
  if (raw["headers"] !== undefined) {
    if (!isMap(raw["headers"]))
      problems.add(`${path}.headers`, `must be a map of header name: template, got ${show(raw["headers"])}`);
    else {
      for (const [name, value] of Object.entries(raw["headers"])) {
        if (!HEADER_NAME.test(name))
          problems.add(`${path}.headers.${name}`, "a header name is 1-249 printable ASCII characters");
        if (name.startsWith("surge-"))
          problems.add(`${path}.headers.${name}`, "surge-* headers are surge's own ground truth");
        const t = template(
          typeof value === "number" || typeof value === "boolean" ? String(value) : value,
          `${path}.headers.${name}`,
        );
        if (t !== undefined) headers.push({ name, template: t });
      }
    }
  }

  let value: FieldNode | undefined;
  if (raw["value"] !== undefined) {
    value = validateNode(raw["value"], `@${role}`, `${path}.value`, problems, counter, 1);
    checkValueRefs(value, `${path}.value`, problems, known);
  }

  const conditions = (["probability", "if", "repeat"] as const).filter((k) => raw[k] !== undefined);
  if (conditions.length > 1)
    problems.add(path, `only one of probability, if, repeat per rule, got ${conditions.join(", ")}`);
  let when: EmitWhen = { every: true };
  const p = raw["probability"];
  if (p !== undefined) {
    if (typeof p === "number" && p >= 0 && p <= 1) when = { probability: p };
    else problems.add(`${path}.probability`, `must be from 0 to 1, got ${show(p)}`);
  }
  const cond = raw["if"];
  if (cond !== undefined) {
    if (expression(cond, `${path}.if`, problems, known)) when = { if: cond as string };
  }
  const repeat = raw["repeat"];
  if (repeat !== undefined) {
    if (typeof repeat === "number") {
      if (Number.isInteger(repeat) && repeat >= 0 && repeat <= 1000) when = { repeat };
      else
        problems.add(
          `${path}.repeat`,
          `must be a whole number of records from 0 to 1000, or an expression, got ${show(repeat)}`,
        );
    } else if (expression(repeat, `${path}.repeat`, problems, known)) when = { repeat: repeat as string };
  }
  return { role, key, headers, ...(value ? { value } : {}), when };
}

function expression(
  raw: unknown,
  where: string,
  problems: Problems,
  known: (ref: string, where: string) => void,
): boolean {
  if (typeof raw !== "string" || raw.length === 0) {
    problems.add(where, `must be an expression over the event's fields, got ${show(raw)}`);
    return false;
  }
  try {
    for (const p of exprPaths(parseExpr(raw))) {
      if (p.prev) problems.add(where, "prev. is for fields; a rule reads the event as it is");
      else known(p.path, where);
    }
    return true;
  } catch (error) {
    problems.add(where, `is not an expression: ${(error as Error).message}`);
    return false;
  }
}

/** Refs and the fields that the value's own generators read must name fields of the event. */
function checkValueRefs(
  node: FieldNode,
  where: string,
  problems: Problems,
  known: (ref: string, where: string, object?: boolean) => void,
): void {
  if (node.kind === "ref") known(node.path, where, true);
  else if (node.kind === "object")
    for (const f of node.fields) checkValueRefs(f.node, `${where}.${f.name}`, problems, known);
  else if (node.kind === "array") checkValueRefs(node.items, `${where}.array`, problems, known);
  else if (node.kind === "map") {
    if (!Array.isArray(node.keys)) checkValueRefs(node.keys, `${where}.keys`, problems, known);
    checkValueRefs(node.values, `${where}.map`, problems, known);
  } else if (node.kind === "leaf") {
    if (node.perDevice) problems.add(where, "per-device values belong in fields (refer to them with {ref: ...})");
    for (const ref of GENERATORS.get(node.gen)?.refs?.(node.params) ?? []) known(ref, where);
  }
}

/** The key when a rule names none: the kind's first id field, else the device number. */
function defaultKey(leaves: ReadonlyMap<string, LeafNode>): string {
  for (const leaf of leaves.values())
    if ((leaf.gen === "id" || leaf.gen === "sgtin") && leaf.group === undefined) return `{${leaf.path}}`;
  return "{number}";
}
