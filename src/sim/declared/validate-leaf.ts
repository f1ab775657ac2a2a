/** A `{gen: ...}` leaf: its generator's params, per device or event, omit, nullable, hidden. */
import { closest } from "../../common/suggest.ts";
import { parseExpr } from "./expr.ts";
import { GENERATORS } from "./generators/index.ts";
import type { FieldNode } from "./model.ts";
import { parseParam, show } from "./param-values.ts";
import type { Problems } from "./problems.ts";
import { outputOf } from "./spec.ts";

type Map_ = Record<string, unknown>;

export const LEAF_KEYS = ["gen", "per", "omit", "nullable", "hidden"] as const;

export function validateLeaf(raw: Map_, fieldPath: string, path: string, problems: Problems): FieldNode {
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
