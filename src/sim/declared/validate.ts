/**
 * The `fleet:` block of a scenario → a DeclaredFleet, or every problem at once, each with the
 * path of the bad entry (fleet.thermostat.fields.temperature.sd: ...). Generator names and
 * params come from the registry, so what is checked is what the compiler and the docs know.
 * Kinds are checked in validate-kind.ts, their field trees in validate-node.ts and
 * validate-leaf.ts, topic rules in validate-topics.ts, groups in validate-groups.ts.
 */
import { isMap } from "../../common/is-map.ts";
import type { DeclaredFleet, DeviceKind, EmitWhen } from "./model.ts";
import { show } from "./param-values.ts";
import { Problems } from "./problems.ts";
import { validateGroups, type GroupDecl } from "./validate-groups.ts";
import { validateKind, type FleetContext } from "./validate-kind.ts";
import { LIMITS } from "./validate-node.ts";

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export type { FleetContext };

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
  const groups = long ? validateGroups(input["groups"], `${where}.groups`, problems) : new Map<string, GroupDecl>();
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

export type { EmitWhen };
