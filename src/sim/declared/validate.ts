/**
 * The `fleet:` block of a scenario → a DeclaredFleet, or every problem at once, each with the
 * path of the bad entry (fleet.thermostat.fields.temperature.sd: ...). Generator names and
 * params come from the registry, so what is checked is what the compiler and the docs know.
 * (Over 300 lines: one function per node kind of the fleet tree, which all share the walk; topic
 * rules are in validate-topics.ts, problem collection in problems.ts.)
 */
import { isMap } from "../../common/is-map.ts";
import { closest } from "../../common/suggest.ts";
import { durationValue } from "../../common/values.ts";
import { GENERATORS } from "./generators/index.ts";
import type { DeclaredFleet, DeviceKind, EmitWhen, FieldNode, LeafNode, ObjectNode, TopicRule } from "./model.ts";
import { parseParam, show } from "./param-values.ts";
import { parseExpr } from "./expr.ts";
import { leavesByPath } from "./paths.ts";
import { outputOf } from "./spec.ts";
import { Problems } from "./problems.ts";
import { joinGroup, validateGroups, type GroupDecl } from "./validate-groups.ts";
import { checkLeafGraph } from "./validate-refs.ts";
import { validateRule } from "./validate-topics.ts";

type Map_ = Record<string, unknown>;

export const KIND_KEYS = ["share", "sampleInterval", "jitter", "group", "fields", "topics"] as const;
export const LEAF_KEYS = ["gen", "per", "omit", "nullable", "hidden"] as const;
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const FIELD_NAME = /^[^\s."{}[\]]{1,128}$/;
export const LIMITS = { kinds: 100, depth: 24, fieldsPerKind: 5000 } as const;

export interface FleetContext {
  /** Roles of the scenario's topics: every rule names one of them. */
  roles: readonly string[];
}

export const FLEET_KEYS = ["layout", "groups", "kinds"] as const;
const MAX_PATTERN = 1000;

export function validateFleet(
  input: unknown,
  ctx: FleetContext,
  where = "fleet",
): { fleet?: DeclaredFleet; errors: string[]; warnings: string[] } {
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
  const groups = long
    ? validateGroups(input["groups"], `${where}.groups`, problems, validateObject)
    : new Map<string, GroupDecl>();
  const raw = long ? input["kinds"] : input;
  if (long) where = `${where}.kinds`;
  if (!isMap(raw) || Object.keys(raw).length === 0) {
    problems.add(where, `must be a map of device kind name: {share, fields, topics}, got ${show(raw)}`);
    return { errors: problems.list, warnings: problems.warnings };
  }
  const entries = Object.entries(raw);
  if (entries.length > LIMITS.kinds) problems.add(where, `at most ${LIMITS.kinds} device kinds, got ${entries.length}`);
  const kinds: DeviceKind[] = [];
  for (const [name, body] of entries.slice(0, LIMITS.kinds)) {
    const path = `${where}.${name}`;
    if (!NAME.test(name)) problems.add(path, "a kind name is letters, digits, _ and - (starting with a letter)");
    const kind = validateKind(name, body, path, { ...ctx, groups }, problems);
    if (kind) kinds.push(kind);
  }
  if (kinds.length > 0 && kinds.every((k) => k.share === 0))
    problems.add(where, "every kind has share 0: no device would be built");
  if (layout === "interleaved") {
    const total = kinds.reduce((a, k) => a + k.share, 0);
    if (!kinds.every((k) => Number.isInteger(k.share)) || total > MAX_PATTERN) {
      problems.add(where, `interleaved kinds need whole-number shares adding up to at most ${MAX_PATTERN}`);
    }
  }
  return problems.list.length === 0
    ? { fleet: { kinds, layout }, errors: [], warnings: problems.warnings }
    : { errors: problems.list, warnings: problems.warnings };
}

function validateKind(
  name: string,
  body: unknown,
  path: string,
  ctx: FleetContext & { groups: ReadonlyMap<string, GroupDecl> },
  problems: Problems,
): DeviceKind | undefined {
  if (!isMap(body)) {
    problems.add(path, `must be a map with fields and topics, got ${show(body)}`);
    return undefined;
  }
  problems.unknownKeys(body, KIND_KEYS, path);
  const share = body["share"] ?? 1;
  if (typeof share !== "number" || !Number.isFinite(share) || share < 0)
    problems.add(`${path}.share`, `must be a number of 0 or more (relative to the other kinds), got ${show(share)}`);
  const jitter = body["jitter"] ?? 0;
  if (typeof jitter !== "number" || !(jitter >= 0 && jitter <= 1))
    problems.add(`${path}.jitter`, `must be a fraction of the interval from 0 to 1, got ${show(jitter)}`);
  let sampleIntervalMs: number | undefined;
  if (body["sampleInterval"] !== undefined) {
    const parsed = durationValue({ minMs: 1, maxMs: 86_400_000 })(body["sampleInterval"]);
    if (parsed.ok) sampleIntervalMs = parsed.value;
    else problems.add(`${path}.sampleInterval`, `${parsed.problem}, got ${show(body["sampleInterval"])}`);
  }
  const counter = { leaves: 0 };
  const fields = body["fields"];
  if (!isMap(fields) || Object.keys(fields).length === 0) {
    problems.add(
      `${path}.fields`,
      `required: a map of the event's fields (name: value or generator), got ${show(fields)}`,
    );
    return undefined;
  }
  for (const key of Object.keys(fields)) {
    if ((KIND_KEYS as readonly string[]).includes(key) && key !== "group") {
      problems.warnings.push(
        `${path}.fields.${key}: looks like the kind's ${key} setting but sits inside fields, so it is written as a payload field; move it up next to fields: (or ignore this if it is meant as a field)`,
      );
    }
  }
  const own = validateObject(fields, "", `${path}.fields`, problems, counter, 0);
  const { group, fields: tree } = joinGroup(body["group"], own, ctx.groups, `${path}.group`, problems);
  const leaves = leavesByPath(tree);
  checkLeafGraph(leaves, `${path}.fields`, problems, tree);
  const topics = validateTopics(body["topics"], `${path}.topics`, ctx, leaves, problems, counter, tree);
  if (problems.list.length > 0) return undefined;
  return {
    name,
    share: share as number,
    jitter: jitter as number,
    fields: tree,
    topics,
    ...(sampleIntervalMs ? { sampleIntervalMs } : {}),
    ...(group ? { group } : {}),
  };
}

/** A subtree: constants, {gen: ...} leaves, {ref: ...}, {array: ..., length: ...}, {const: ...} and objects. */
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
    problems.unknownKeys(raw, ["array", "length"], path);
    const len = parseParam({ type: "length", doc: "" }, raw["length"]);
    if (!len.ok) problems.add(`${path}.length`, len.problem);
    const [minLength, maxLength] = len.ok ? (len.value as [number, number]) : [0, 0];
    const items = validateNode(raw["array"], `${fieldPath}[]`, `${path}.array`, problems, counter, depth + 1);
    return { kind: "array", items, minLength, maxLength };
  }
  return validateObject(raw, fieldPath, path, problems, counter, depth);
}

export function validateObject(
  raw: Map_,
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

function validateLeaf(raw: Map_, fieldPath: string, path: string, problems: Problems): FieldNode {
  const name = raw["gen"];
  const spec = typeof name === "string" ? GENERATORS.get(name) : undefined;
  if (!spec) {
    const guess = typeof name === "string" ? closest(name, GENERATORS.keys()) : undefined;
    problems.add(
      `${path}.gen`,
      `unknown generator ${show(name)}${guess ? ` (did you mean "${guess}"?)` : ""}; see docs/generators.md`,
    );
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
  const per = raw["per"] ?? (spec.scope === "either" ? (spec.perDefault ?? "event") : spec.scope);
  if (per !== "device" && per !== "event") problems.add(`${path}.per`, `must be device or event, got ${show(per)}`);
  else if (spec.scope !== "either" && per !== spec.scope)
    problems.add(`${path}.per`, `${spec.name} is always per ${spec.scope}`);
  const omitIf = typeof raw["omit"] === "string" ? condition(raw["omit"], `${path}.omit`, problems) : undefined;
  const omit =
    typeof raw["omit"] === "string"
      ? 0
      : probability(
          raw,
          "omit",
          path,
          problems,
          "a probability from 0 to 1, or an expression (omit: \"status != 'Charging'\")",
        );
  const nulls = probability(raw, "nullable", path, problems);
  const hidden = raw["hidden"] ?? false;
  if (typeof hidden !== "boolean")
    problems.add(
      `${path}.hidden`,
      `must be true (computed and readable by other fields, not written) or false, got ${show(hidden)}`,
    );
  const complete = Object.entries(spec.params).every(([k, p]) => !p.required || k in params);
  if (complete) for (const line of spec.check?.(params) ?? []) problems.add(path, line);
  const type = complete && !spec.infer ? outputOf(spec, params) : "number";
  const inArray = fieldPath.includes("[]");
  if (per === "device" && inArray) problems.add(`${path}.per`, "items of an array are drawn per event");
  if (hidden === true && inArray)
    problems.add(`${path}.hidden`, "items of an array are written whole; hide the array's field instead");
  return {
    kind: "leaf",
    path: fieldPath,
    gen: spec.name,
    params,
    type,
    perDevice: per === "device",
    omit,
    nulls,
    reading: spec.reading === true,
    ...(omitIf !== undefined ? { omitIf } : {}),
    ...(hidden === true ? { hidden: true } : {}),
  };
}

function probability(
  raw: Map_,
  key: string,
  path: string,
  problems: Problems,
  want = "a probability from 0 to 1",
): number {
  const v = raw[key];
  if (v === undefined || v === null) return 0;
  if (typeof v === "number" && v >= 0 && v <= 1) return v;
  problems.add(`${path}.${key}`, `must be ${want}, got ${show(v)}`);
  return 0;
}

function condition(text: string, path: string, problems: Problems): string | undefined {
  try {
    parseExpr(text);
    return text;
  } catch (error) {
    problems.add(path, `is not an expression: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function validateTopics(
  raw: unknown,
  path: string,
  ctx: FleetContext,
  leaves: ReadonlyMap<string, LeafNode>,
  problems: Problems,
  counter: { leaves: number },
  tree: ObjectNode,
): TopicRule[] {
  if (!isMap(raw) || Object.keys(raw).length === 0) {
    problems.add(path, `required: a map of topic role: rule (or list of rules); roles: ${ctx.roles.join(", ")}`);
    return [];
  }
  const rules: TopicRule[] = [];
  for (const [role, body] of Object.entries(raw)) {
    if (!ctx.roles.includes(role)) {
      const guess = closest(role, ctx.roles);
      problems.add(
        `${path}.${role}`,
        `no such topic role in the scenario's topics${guess ? ` (did you mean "${guess}"?)` : ` (roles: ${ctx.roles.join(", ")})`}`,
      );
      continue;
    }
    const list = Array.isArray(body) ? body : [body ?? {}];
    list.forEach((r, i) => {
      const rule = validateRule(
        role,
        r,
        Array.isArray(body) ? `${path}.${role}[${i}]` : `${path}.${role}`,
        leaves,
        problems,
        counter,
        tree,
        validateNode,
      );
      if (rule) rules.push(rule);
    });
  }
  return rules;
}

export type { EmitWhen };
