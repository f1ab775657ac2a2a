/** Code of a kind's visit check (kinds with their own interval skip visits) and of its topic rules. */
import type { DeviceKind, FieldNode, TopicRule } from "../model.ts";
import type { ModelTables } from "./context.ts";

/** What of the kind's setup (kind.ts's KindSetup) the visit check and the rules read. */
export interface RuleSetup {
  tables: ModelTables;
  roles: readonly string[];
  visitMs: number;
  devices: number;
}

export function dueCheck(kind: DeviceKind, setup: RuleSetup): string {
  const interval = kind.sampleIntervalMs ?? setup.visitMs;
  if (interval <= setup.visitMs && kind.jitter === 0) return "";
  const due = setup.tables.state(`due ${kind.name}`, "f64", 1, NaN, setup.devices);
  // Due within half a visit counts as now: visits are the engine's grid.
  const tolerance = setup.visitMs / 2;
  return `{ const due = ${due}[j]; if (due === due && t < due - ${tolerance}) return; ${due}[j] = (due === due ? Math.max(due, t - ${interval}) : t) + ${interval} * (1 + ${kind.jitter} * (2 * R.next() - 1)); }`;
}

export interface RuleHelpers {
  eventExpr: string;
  /** The event as a value, and whether this rule's records go out as values. */
  eventValueExpr: string;
  staged: boolean;
  recordValue: (node: FieldNode) => { pre: string; expr: string };
  template: (t: string) => string;
  condition: (e: string) => string;
  value: (node: FieldNode) => { pre: string; expr: string };
}

export function ruleSource(rule: TopicRule, setup: RuleSetup, h: RuleHelpers): string {
  const topic = setup.roles.indexOf(rule.role);
  const key = h.template(rule.key);
  const headers =
    rule.headers.length === 0
      ? ""
      : `, { ${rule.headers.map((x) => `${JSON.stringify(x.name)}: ${h.template(x.template)}`).join(", ")} }`;
  let push: string;
  if (h.staged) {
    const value = rule.value ? h.recordValue(rule.value) : { pre: "", expr: h.eventValueExpr };
    push = `${value.pre}\nV[${topic}](${value.expr});\nsink.push(${topic}, ${key}, ""${headers});`;
  } else {
    const value = rule.value ? h.value(rule.value) : { pre: "", expr: h.eventExpr };
    push = `${value.pre}\nsink.push(${topic}, ${key}, ${value.expr}${headers});`;
  }
  const w = rule.when;
  if ("probability" in w) return `if (R.next() < ${w.probability}) { ${push} }`;
  if ("if" in w) return `if (${h.condition(w.if)}) { ${push} }`;
  if ("repeat" in w) {
    const n =
      typeof w.repeat === "number"
        ? String(w.repeat)
        : `Math.min(1000, Math.max(0, Math.floor(${h.condition(w.repeat)}) || 0))`;
    return `for (let k = 0, n = ${n}; k < n; k++) { ${push} }`;
  }
  return rule.value ? `{ ${push} }` : push;
}
