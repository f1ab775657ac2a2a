/**
 * The `fleet:` block of a scenario → a DeclaredFleet, or every problem at once, each with the
 * path of the bad entry (fleet.thermostat.fields.temperature.sd: ...). Generator names and
 * params come from the registry, so what is checked is what the compiler and the docs know.
 */
import { isMap } from "../../common/is-map.ts";
import { closest } from "../../common/suggest.ts";
import { durationValue } from "../../common/values.ts";
import { GENERATORS } from "./generators/index.ts";
import type { DeclaredFleet, DeviceKind, EmitWhen, FieldNode, LeafNode, ObjectNode, TopicRule } from "./model.ts";
import { parseParam, show } from "./param-values.ts";
import { evaluationOrder, leavesByPath, resolveRef, typeOfRef } from "./paths.ts";
import { outputOf } from "./spec.ts";
import { Problems } from "./problems.ts";
import { validateRule } from "./validate-topics.ts";

type Map_ = Record<string, unknown>;

export const KIND_KEYS = ["share", "sampleInterval", "jitter", "fields", "topics"] as const;
export const LEAF_KEYS = ["gen", "per", "omit", "nullable"] as const;
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const FIELD_NAME = /^[^\s."{}[\]]{1,128}$/;
export const LIMITS = { kinds: 100, depth: 24, fieldsPerKind: 5000 } as const;

export interface FleetContext {
  /** Roles of the scenario's topics: every rule names one of them. */
  roles: readonly string[];
}

export const FLEET_KEYS = ["layout", "kinds"] as const;
const MAX_PATTERN = 1000;

export function validateFleet(input: unknown, ctx: FleetContext, where = "fleet"): { fleet?: DeclaredFleet; errors: string[] } {
  const problems = new Problems();
  // Long form {layout, kinds: {...}}; short form: the kinds themselves.
  const long = isMap(input) && isMap(input["kinds"]);
  let layout: DeclaredFleet["layout"] = "blocks";
  if (long) {
    problems.unknownKeys(input, FLEET_KEYS, where);
    const l = input["layout"] ?? "blocks";
    if (l === "blocks" || l === "interleaved") layout = l;
    else problems.add(`${where}.layout`, `must be blocks or interleaved, got ${show(l)}`);
  }
  const raw = long ? input["kinds"] : input;
  if (long) where = `${where}.kinds`;
  if (!isMap(raw) || Object.keys(raw).length === 0) {
    problems.add(where, `must be a map of device kind name: {share, fields, topics}, got ${show(raw)}`);
    return { errors: problems.list };
  }
  const entries = Object.entries(raw);
  if (entries.length > LIMITS.kinds) problems.add(where, `at most ${LIMITS.kinds} device kinds, got ${entries.length}`);
  const kinds: DeviceKind[] = [];
  for (const [name, body] of entries.slice(0, LIMITS.kinds)) {
    const path = `${where}.${name}`;
    if (!NAME.test(name)) problems.add(path, "a kind name is letters, digits, _ and - (starting with a letter)");
    const kind = validateKind(name, body, path, ctx, problems);
    if (kind) kinds.push(kind);
  }
  if (kinds.length > 0 && kinds.every((k) => k.share === 0)) problems.add(where, "every kind has share 0: no device would be built");
  if (layout === "interleaved") {
    const total = kinds.reduce((a, k) => a + k.share, 0);
    if (!kinds.every((k) => Number.isInteger(k.share)) || total > MAX_PATTERN) {
      problems.add(where, `interleaved kinds need whole-number shares adding up to at most ${MAX_PATTERN}`);
    }
  }
  return problems.list.length === 0 ? { fleet: { kinds, layout }, errors: [] } : { errors: problems.list };
}

function validateKind(name: string, body: unknown, path: string, ctx: FleetContext, problems: Problems): DeviceKind | undefined {
  if (!isMap(body)) {
    problems.add(path, `must be a map with fields and topics, got ${show(body)}`);
    return undefined;
  }
  problems.unknownKeys(body, KIND_KEYS, path);
  const share = body["share"] ?? 1;
  if (typeof share !== "number" || !Number.isFinite(share) || share < 0) problems.add(`${path}.share`, `must be a number of 0 or more (relative to the other kinds), got ${show(share)}`);
  const jitter = body["jitter"] ?? 0;
  if (typeof jitter !== "number" || !(jitter >= 0 && jitter <= 1)) problems.add(`${path}.jitter`, `must be a fraction of the interval from 0 to 1, got ${show(jitter)}`);
  let sampleIntervalMs: number | undefined;
  if (body["sampleInterval"] !== undefined) {
    const parsed = durationValue({ minMs: 1, maxMs: 86_400_000 })(body["sampleInterval"]);
    if (parsed.ok) sampleIntervalMs = parsed.value;
    else problems.add(`${path}.sampleInterval`, `${parsed.problem}, got ${show(body["sampleInterval"])}`);
  }
  const counter = { leaves: 0 };
  const fields = body["fields"];
  if (!isMap(fields) || Object.keys(fields).length === 0) {
    problems.add(`${path}.fields`, `required: a map of the event's fields (name: value or generator), got ${show(fields)}`);
    return undefined;
  }
  const tree = validateObject(fields, "", `${path}.fields`, problems, counter, 0) as ObjectNode;
  const leaves = leavesByPath(tree);
  checkRefs(leaves, `${path}.fields`, problems);
  checkRefNodes(tree, "", `${path}.fields`, leaves, problems);
  const { order, cycle } = evaluationOrder(leaves);
  if (cycle) problems.add(`${path}.fields`, `fields read each other in a cycle: ${cycle.join(" → ")}`);
  else inferTypes(order, leaves, `${path}.fields`, problems);
  const topics = validateTopics(body["topics"], `${path}.topics`, ctx, leaves, problems, counter);
  if (problems.list.length > 0) return undefined;
  return { name, share: share as number, jitter: jitter as number, fields: tree, topics, ...(sampleIntervalMs ? { sampleIntervalMs } : {}) };
}

/** A subtree: constants, {gen: ...} leaves, {ref: ...}, {array: ..., length: ...}, {const: ...} and objects. */
export function validateNode(raw: unknown, fieldPath: string, path: string, problems: Problems, counter: { leaves: number }, depth: number): FieldNode {
  if (depth > LIMITS.depth) {
    problems.add(path, `nested deeper than ${LIMITS.depth} levels`);
    return { kind: "const", value: null };
  }
  if (++counter.leaves > LIMITS.fieldsPerKind) {
    if (counter.leaves === LIMITS.fieldsPerKind + 1) problems.add(path, `more than ${LIMITS.fieldsPerKind} fields in one kind`);
    return { kind: "const", value: null };
  }
  if (raw === null || typeof raw === "string" || typeof raw === "boolean" || (typeof raw === "number" && Number.isFinite(raw))) {
    return { kind: "const", value: raw };
  }
  if (Array.isArray(raw)) {
    problems.add(path, "a list here is ambiguous: write {array: <item>, length: N} for generated items or {const: [...]} for a fixed list");
    return { kind: "const", value: null };
  }
  if (!isMap(raw)) {
    problems.add(path, `must be a value, a generator ({gen: ...}) or a map of fields, got ${show(raw)}`);
    return { kind: "const", value: null };
  }
  if ("gen" in raw) return validateLeaf(raw, fieldPath, path, problems);
  if ("ref" in raw) {
    problems.unknownKeys(raw, ["ref"], path);
    if (typeof raw["ref"] !== "string") problems.add(`${path}.ref`, `must be the dotted path of a field, got ${show(raw["ref"])}`);
    return { kind: "ref", path: String(raw["ref"]) };
  }
  if ("const" in raw) {
    problems.unknownKeys(raw, ["const"], path);
    const text = JSON.stringify(raw["const"]) ?? "null";
    return { kind: "const", value: text.length > 100_000 ? null : (raw["const"] as never) };
  }
  if ("array" in raw) {
    problems.unknownKeys(raw, ["array", "length"], path);
    const len = parseParam({ type: "length", doc: "" }, raw["length"]);
    if (!len.ok) problems.add(`${path}.length`, len.problem);
    const [minLength, maxLength] = len.ok ? (len.value as [number, number]) : [0, 0];
    const items = validateNode(raw["array"], `${fieldPath}[]`, `${path}.array`, problems, counter, depth + 1);
    return { kind: "array", items, minLength, maxLength };
  }
  return validateObject(raw, fieldPath, path, problems, counter, depth);
}

function validateObject(raw: Map_, fieldPath: string, path: string, problems: Problems, counter: { leaves: number }, depth: number): ObjectNode {
  const fields: ObjectNode["fields"] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (!FIELD_NAME.test(name)) problems.add(`${path}.${name}`, "a field name is 1-128 characters without spaces, dots, braces or brackets");
    const child = fieldPath === "" ? name : `${fieldPath}.${name}`;
    fields.push({ name, node: validateNode(value, child, `${path}.${name}`, problems, counter, depth + 1) });
  }
  return { kind: "object", fields };
}

function validateLeaf(raw: Map_, fieldPath: string, path: string, problems: Problems): FieldNode {
  const name = raw["gen"];
  const spec = typeof name === "string" ? GENERATORS.get(name) : undefined;
  if (!spec) {
    const guess = typeof name === "string" ? closest(name, GENERATORS.keys()) : undefined;
    problems.add(`${path}.gen`, `unknown generator ${show(name)}${guess ? ` (did you mean "${guess}"?)` : ""}; see docs/generators.md`);
    return { kind: "const", value: null };
  }
  problems.unknownKeys(raw, [...LEAF_KEYS, ...Object.keys(spec.params)], path);
  const params: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(spec.params)) {
    const value = raw[key];
    if (value === undefined || value === null) {
      if (p.required) problems.add(`${path}.${key}`, `required by ${spec.name}: ${p.doc}`);
      else if (p.default !== undefined) params[key] = p.default;
      continue;
    }
    const parsed = parseParam(p, value);
    if (parsed.ok) params[key] = parsed.value;
    else problems.add(`${path}.${key}`, parsed.problem);
  }
  const per = raw["per"] ?? (spec.scope === "either" ? spec.perDefault ?? "event" : spec.scope);
  if (per !== "device" && per !== "event") problems.add(`${path}.per`, `must be device or event, got ${show(per)}`);
  else if (spec.scope !== "either" && per !== spec.scope) problems.add(`${path}.per`, `${spec.name} is always per ${spec.scope}`);
  const omit = probability(raw, "omit", path, problems);
  const nulls = probability(raw, "nullable", path, problems);
  const complete = Object.entries(spec.params).every(([k, p]) => !p.required || k in params);
  if (complete) for (const line of spec.check?.(params) ?? []) problems.add(path, line);
  const type = complete && !spec.infer ? outputOf(spec, params) : "number";
  const inArray = fieldPath.includes("[]");
  if (per === "device" && inArray) problems.add(`${path}.per`, "items of an array are drawn per event");
  return { kind: "leaf", path: fieldPath, gen: spec.name, params, type, perDevice: per === "device", omit, nulls, reading: spec.reading === true };
}

function probability(raw: Map_, key: string, path: string, problems: Problems): number {
  const v = raw[key];
  if (v === undefined || v === null) return 0;
  if (typeof v === "number" && v >= 0 && v <= 1) return v;
  problems.add(`${path}.${key}`, `must be a probability from 0 to 1, got ${show(v)}`);
  return 0;
}

function checkRefs(leaves: ReadonlyMap<string, LeafNode>, path: string, problems: Problems): void {
  for (const leaf of leaves.values()) {
    for (const ref of GENERATORS.get(leaf.gen)?.refs?.(leaf.params) ?? []) {
      const target = resolveRef(leaf.path, ref, leaves);
      if (!target) {
        const guess = closest(ref, [...leaves.keys()]);
        problems.add(`${path}.${leaf.path}`, `names no field ${JSON.stringify(ref)}${guess ? ` (did you mean "${guess}"?)` : ""}`);
      } else if (refGeneratorProblem(leaf, ref, target)) {
        problems.add(`${path}.${leaf.path}`, refGeneratorProblem(leaf, ref, target) ?? "");
      } else if (leaf.perDevice && !target.perDevice) {
        problems.add(`${path}.${leaf.path}`, `is fixed per device but reads ${target.path}, which changes per event`);
      }
    }
  }
}

/** Every {ref: ...} in the event names a field (a leaf: objects are written by their own fields). */
function checkRefNodes(node: FieldNode, fieldPath: string, path: string, leaves: ReadonlyMap<string, LeafNode>, problems: Problems): void {
  if (node.kind === "ref") {
    if (!resolveRef("", node.path, leaves)) {
      const guess = closest(node.path, [...leaves.keys()]);
      problems.add(path, `{ref: ${node.path}} names no generated field${guess ? ` (did you mean "${guess}"?)` : ""}`);
    }
  } else if (node.kind === "object") {
    for (const f of node.fields) checkRefNodes(f.node, fieldPath === "" ? f.name : `${fieldPath}.${f.name}`, `${path}.${f.name}`, leaves, problems);
  } else if (node.kind === "array") {
    checkRefNodes(node.items, `${fieldPath}[]`, `${path}.array`, leaves, problems);
  }
}

/** "correlate: must name a reading field" when a param reads another generator's internals. */
function refGeneratorProblem(leaf: LeafNode, ref: string, target: LeafNode): string | undefined {
  const needs = GENERATORS.get(leaf.gen)?.refGenerators ?? {};
  for (const [param, gens] of Object.entries(needs)) {
    if (leaf.params[param] === ref && !gens.includes(target.gen)) return `${param}: must name a ${gens.join(" or ")} field, ${target.path} is ${target.gen}`;
  }
  return undefined;
}

function inferTypes(order: readonly LeafNode[], leaves: ReadonlyMap<string, LeafNode>, path: string, problems: Problems): void {
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

function validateTopics(raw: unknown, path: string, ctx: FleetContext, leaves: ReadonlyMap<string, LeafNode>, problems: Problems, counter: { leaves: number }): TopicRule[] {
  if (!isMap(raw) || Object.keys(raw).length === 0) {
    problems.add(path, `required: a map of topic role: rule (or list of rules); roles: ${ctx.roles.join(", ")}`);
    return [];
  }
  const rules: TopicRule[] = [];
  for (const [role, body] of Object.entries(raw)) {
    if (!ctx.roles.includes(role)) {
      const guess = closest(role, ctx.roles);
      problems.add(`${path}.${role}`, `no such topic role in the scenario's topics${guess ? ` (did you mean "${guess}"?)` : ` (roles: ${ctx.roles.join(", ")})`}`);
      continue;
    }
    const list = Array.isArray(body) ? body : [body ?? {}];
    list.forEach((r, i) => {
      const rule = validateRule(role, r, Array.isArray(body) ? `${path}.${role}[${i}]` : `${path}.${role}`, leaves, problems, counter, validateNode);
      if (rule) rules.push(rule);
    });
  }
  return rules;
}

export type { EmitWhen };
