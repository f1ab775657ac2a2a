/** One device kind of the fleet: its settings, its field tree joined with its group's, its topic rules. */
import { isMap } from "../../common/is-map.ts";
import { closest } from "../../common/suggest.ts";
import { MAX_SAMPLE_INTERVAL_MS } from "../../common/duration.ts";
import { durationValue } from "../../common/values.ts";
import type { DeviceKind, LeafNode, ObjectNode, TopicRule } from "./model.ts";
import { show } from "./param-values.ts";
import { leavesByPath } from "./paths.ts";
import type { Problems } from "./problems.ts";
import { joinGroup, type GroupDecl } from "./validate-groups.ts";
import { validateObject } from "./validate-node.ts";
import { checkLeafGraph } from "./validate-refs.ts";
import { validateRule } from "./validate-topics.ts";

export const KIND_KEYS = ["share", "sampleInterval", "jitter", "group", "fields", "topics"] as const;

export interface FleetContext {
  /** Roles of the scenario's topics: every rule names one of them. */
  roles: readonly string[];
}

export function validateKind(
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
    const parsed = durationValue({ minMs: 1, maxMs: MAX_SAMPLE_INTERVAL_MS })(body["sampleInterval"]);
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
      );
      if (rule) rules.push(rule);
    });
  }
  return rules;
}
