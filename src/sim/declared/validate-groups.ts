/**
 * The fleet's `groups:` (a charging station, a building, a vehicle): fields drawn once per group
 * and read by every member as <group>.<field>, and how many members a group has (fixed or drawn).
 */
import { isMap } from "../../common/is-map.ts";
import { closest } from "../../common/suggest.ts";
import { GENERATORS } from "./generators/index.ts";
import type { FieldNode, GroupOf, ObjectNode } from "./model.ts";
import { show } from "./param-values.ts";
import { CONST_GEN, leavesByPath, ownLeaves } from "./paths.ts";
import { validateObject } from "./validate-node.ts";
import { checkLeafGraph } from "./validate-refs.ts";
import type { Problems } from "./problems.ts";

export const GROUP_KEYS = ["size", "fields"] as const;
export const MAX_GROUP_SIZE = 100_000;

export interface GroupDecl extends GroupOf {
  /** The group's fields as validated (paths relative to the group). */
  fields?: ObjectNode;
}

type Map_ = Record<string, unknown>;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function validateGroups(raw: unknown, where: string, problems: Problems): Map<string, GroupDecl> {
  const out = new Map<string, GroupDecl>();
  if (raw === undefined || raw === null) return out;
  if (!isMap(raw) || Object.keys(raw).length === 0) {
    problems.add(where, `must be a map of group name: {size, fields}, got ${show(raw)}`);
    return out;
  }
  for (const [name, body] of Object.entries(raw)) {
    const path = `${where}.${name}`;
    if (!NAME.test(name))
      problems.add(
        path,
        "a group name is letters, digits and _ (starting with a letter): members read its fields as <group>.<field>",
      );
    if (!isMap(body)) {
      problems.add(path, `must be a map with size (members per group) and fields, got ${show(body)}`);
      continue;
    }
    problems.unknownKeys(body, GROUP_KEYS, path);
    const size = groupSize(body["size"], `${path}.size`, problems);
    const group: GroupDecl = { name, size };
    if (body["fields"] !== undefined) {
      if (!isMap(body["fields"]) || Object.keys(body["fields"]).length === 0)
        problems.add(
          `${path}.fields`,
          `must be a map of the group's fields (drawn once per group), got ${show(body["fields"])}`,
        );
      else {
        const tree = validateObject(perGroup(body["fields"]) as Map_, "", `${path}.fields`, problems, { leaves: 0 }, 0);
        const leaves = leavesByPath(tree);
        for (const leaf of ownLeaves(leaves)) {
          if (leaf.gen !== CONST_GEN && !leaf.perDevice)
            problems.add(
              `${path}.fields.${leaf.path}`,
              `${leaf.gen} changes per event; a group's fields are drawn once per group (move it to the kind's fields)`,
            );
        }
        checkLeafGraph(leaves, `${path}.fields`, problems);
        group.fields = tree;
      }
    }
    out.set(name, group);
  }
  return out;
}

function groupSize(raw: unknown, path: string, problems: Problems): [number, number] {
  const ok = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= MAX_GROUP_SIZE;
  if (ok(raw)) return [raw, raw];
  if (Array.isArray(raw) && raw.length === 2 && ok(raw[0]) && ok(raw[1]) && raw[0] <= raw[1]) return [raw[0], raw[1]];
  problems.add(
    path,
    `required: members per group, a whole number from 1 to ${MAX_GROUP_SIZE} or [min, max] drawn per group, got ${show(raw)}`,
  );
  return [1, 1];
}

/** Leaves that may be drawn per event or per device are drawn per group unless they say otherwise. */
function perGroup(raw: unknown): unknown {
  if (!isMap(raw)) return raw;
  if (typeof raw["gen"] === "string") {
    const spec = GENERATORS.get(raw["gen"]);
    return spec?.scope === "either" && raw["per"] === undefined ? { ...raw, per: "device" } : raw;
  }
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, perGroup(v)]));
}

/** The kind's `group:` → its group, and the group's fields added to the event as a hidden object. */
export function joinGroup(
  raw: unknown,
  fields: ObjectNode,
  groups: ReadonlyMap<string, GroupDecl>,
  path: string,
  problems: Problems,
): { group?: GroupOf; fields: ObjectNode } {
  if (raw === undefined) return { fields };
  const group = typeof raw === "string" ? groups.get(raw) : undefined;
  if (!group) {
    const guess = typeof raw === "string" ? closest(raw, [...groups.keys()]) : undefined;
    const known = groups.size > 0 ? ` (groups: ${[...groups.keys()].join(", ")})` : " (declare it under fleet.groups)";
    problems.add(path, `names no group ${show(raw)}${guess ? ` (did you mean "${guess}"?)` : known}`);
    return { fields };
  }
  const { name, size } = group;
  if (!group.fields) return { group: { name, size }, fields };
  // A value named after the group (station: {ref: station.station_id}) is fine; an object would mix paths.
  if (fields.fields.some((f) => f.name === name && f.node.kind === "object")) {
    problems.add(
      `${path.replace(/\.group$/, "")}.fields.${name}`,
      `is an object named after the kind's group, whose fields are read as ${name}.<field>: rename this object`,
    );
    return { group: { name, size }, fields };
  }
  return {
    group: { name, size },
    fields: {
      kind: "object",
      fields: [...fields.fields, { name, node: prefixed(group.fields, name, name), hidden: true }],
    },
  };
}

/** A copy of the group's tree whose leaves carry the member's paths (station.location.lat). */
function prefixed(node: FieldNode, prefix: string, group: string): FieldNode {
  switch (node.kind) {
    case "leaf":
      return { ...node, path: `${prefix}.${node.path}`, group };
    case "object":
      return { kind: "object", fields: node.fields.map((f) => ({ ...f, node: prefixed(f.node, prefix, group) })) };
    case "array":
      return { ...node, items: prefixed(node.items, prefix, group) };
    case "map": {
      const keys = Array.isArray(node.keys) ? node.keys : { ...node.keys, path: `${prefix}.${node.keys.path}`, group };
      return { ...node, keys, values: prefixed(node.values, prefix, group) };
    }
    default:
      return node;
  }
}
