/** A kind's field tree: constants, refs, arrays, objects and (validate-leaf.ts) generator leaves. */
import { isMap } from "../../common/is-map.ts";
import { choiceList } from "./choice-list.ts";
import type { FieldNode, ObjectNode } from "./model.ts";
import { parseParam, show } from "./param-values.ts";
import type { Problems } from "./problems.ts";
import { validateLeaf } from "./validate-leaf.ts";
import { validateMap } from "./validate-map.ts";

const FIELD_NAME = /^[^\s."{}[\]]{1,128}$/;
export const LIMITS = { kinds: 100, depth: 24, fieldsPerKind: 5000 } as const;

/** A subtree: constants, {gen: ...} leaves, {ref: ...}, {array: ...}, {map: ...}, {const: ...} and objects. */
export function validateNode(
  raw: unknown,
  fieldPath: string,
  path: string,
  problems: Problems,
  counter: { leaves: number },
  depth: number,
): FieldNode {
  if (depth > LIMITS.depth) {
    problems.add(path, `nested deeper than ${LIMITS.depth} levels`);
    return { kind: "const", value: null };
  }
  if (++counter.leaves > LIMITS.fieldsPerKind) {
    if (counter.leaves === LIMITS.fieldsPerKind + 1)
      problems.add(path, `more than ${LIMITS.fieldsPerKind} fields in one kind`);
    return { kind: "const", value: null };
  }
  if (
    raw === null ||
    typeof raw === "string" ||
    typeof raw === "boolean" ||
    (typeof raw === "number" && Number.isFinite(raw))
  ) {
    return { kind: "const", value: raw };
  }
  if (Array.isArray(raw)) {
    problems.add(
      path,
      "a list here is ambiguous: write {array: <item>, length: N} for generated items or {const: [...]} for a fixed list",
    );
    return { kind: "const", value: null };
  }
  if (!isMap(raw)) {
    problems.add(path, `must be a value, a generator ({gen: ...}) or a map of fields, got ${show(raw)}`);
    return { kind: "const", value: null };
  }
  if ("gen" in raw) return validateLeaf(raw, fieldPath, path, problems);
  if ("ref" in raw) {
    problems.unknownKeys(raw, ["ref"], path);
    if (typeof raw["ref"] !== "string")
      problems.add(`${path}.ref`, `must be the dotted path of a field, got ${show(raw["ref"])}`);
    return { kind: "ref", path: String(raw["ref"]) };
  }
  if ("const" in raw) {
    problems.unknownKeys(raw, ["const"], path);
    const text = JSON.stringify(raw["const"]) ?? "null";
    return { kind: "const", value: text.length > 100_000 ? null : (raw["const"] as never) };
  }
  if ("array" in raw) {
    problems.unknownKeys(raw, ["array", "length", "unique"], path);
    const len = parseParam({ type: "length", doc: "" }, raw["length"]);
    if (!len.ok) problems.add(`${path}.length`, len.problem);
    const [minLength, maxLength] = len.ok ? (len.value as [number, number]) : [0, 0];
    const items = validateNode(raw["array"], `${fieldPath}[]`, `${path}.array`, problems, counter, depth + 1);
    const unique = raw["unique"];
    if (unique === undefined || unique === false) return { kind: "array", items, minLength, maxLength };
    if (unique !== true) problems.add(`${path}.unique`, `must be true or false, got ${show(unique)}`);
    else uniqueProblem(items, maxLength, `${path}`, problems);
    return { kind: "array", items, minLength, maxLength, unique: true };
  }
  if ("map" in raw && "keys" in raw)
    return validateMap(raw, fieldPath, path, problems, (item, itemPath, at) =>
      validateNode(item, itemPath, at, problems, counter, depth + 1),
    );
  return validateObject(raw, fieldPath, path, problems, counter, depth);
}

/** Distinct items need one generator to draw them, and a list long enough to give them. */
function uniqueProblem(items: FieldNode, maxLength: number, path: string, problems: Problems): void {
  if (items.kind !== "leaf") {
    problems.add(
      `${path}.unique`,
      "distinct items are drawn from one generator ({gen: ...}), not an object or a constant",
    );
    return;
  }
  const list = choiceList(items);
  if (list && maxLength > list.length)
    problems.add(
      `${path}.length`,
      `at most ${list.length} distinct items (the values of ${items.gen}), got ${maxLength}`,
    );
}

export function validateObject(
  raw: Record<string, unknown>,
  fieldPath: string,
  path: string,
  problems: Problems,
  counter: { leaves: number },
  depth: number,
): ObjectNode {
  const fields: ObjectNode["fields"] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (!FIELD_NAME.test(name))
      problems.add(`${path}.${name}`, "a field name is 1-128 characters without spaces, dots, braces or brackets");
    const child = fieldPath === "" ? name : `${fieldPath}.${name}`;
    fields.push({ name, node: validateNode(value, child, `${path}.${name}`, problems, counter, depth + 1) });
  }
  return { kind: "object", fields };
}
