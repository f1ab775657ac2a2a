/**
 * One device kind → the JS source of its emit function: fields computed in dependency order
 * into locals, the event's JSON assembled from prepared fragments, then the topic rules.
 */
import type { Random } from "../../random.ts";
import { exprCode, parseExpr, type PathCode } from "../expr.ts";
import type { DeviceKind, FieldNode, LeafNode, TopicRule } from "../model.ts";
import { evaluationOrder, leavesByPath, objectsByPath, parentOf } from "../paths.ts";
import { templateCode } from "../template.ts";
import { BuiltinCode, type GroupCode } from "./builtins-code.ts";
import type { FieldVar, ModelTables } from "./context.ts";
import { JsonBuilder, type JsonContext } from "./json-tree.ts";
import { compileLeaf, type CompiledLeaf, type LeafScope } from "./leaf.ts";
import { dueCheck, ruleSource } from "./rules.ts";
import { ValueBuilder } from "./value-tree.ts";

export interface KindSetup {
  tables: ModelTables;
  roles: readonly string[];
  random: () => Random;
  cycle: (periodHours: number, peakHours: number) => string;
  deviceSeed: number;
  /** The engine's visit interval (ms): kinds with a longer interval skip visits. */
  visitMs: number;
  /** Devices of this kind; its state is indexed by j, the device's index within the kind. */
  devices: number;
  /** Devices of this run / devices the scenario declares. */
  deviceScale: number;
  /** Where the kind's devices sit in their groups (kinds with `group:`). */
  group?: GroupCode;
  /**
   * Per topic index: records go out as values (handed to `V[topic]` before the push, whose JSON
   * text is then "") for a binary format's encoder, instead of as JSON text.
   */
  values?: readonly boolean[];
}

/** Salt of a group field's draws: the same in every kind that reads the group. */
function groupSalt(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % 0x40000000) + 0x10000;
}

/** Resolves a name from a leaf's place outward (siblings first) among `known`. */
function lookup<T>(from: string, ref: string, known: ReadonlyMap<string, T>): T | undefined {
  for (let scope = parentOf(from); ; scope = parentOf(scope)) {
    const hit = known.get(scope === "" ? ref : `${scope}.${ref}`);
    if (hit) return hit;
    if (scope === "") return undefined;
  }
}

export function kindSource(kind: DeviceKind, setup: KindSetup): string {
  const { tables } = setup;
  const leaves = leavesByPath(kind.fields);
  const { order, cycle } = evaluationOrder(leaves);
  if (cycle) throw new Error(`fields read each other in a cycle: ${cycle.join(" → ")}`);
  const compiled = new Map<string, CompiledLeaf>();
  const prevStates = new Map<string, { state: string; v: string; type: string }>();
  const declare: string[] = [];
  const body: string[] = [];
  const builtins = new BuiltinCode(tables, setup.devices, kind.name, setup.group);
  /** The compiled leaf a name resolves to (through a field that is a {ref: ...} of another, too). */
  const compiledOf = (from: string, ref: string): CompiledLeaf | undefined => {
    const leaf = lookup(from, ref, leaves);
    return leaf ? compiled.get(leaf.path) : undefined;
  };

  const varOf =
    (from: string, scopeLeaves: ReadonlyMap<string, CompiledLeaf>) =>
    (ref: string): FieldVar => {
      const hit = lookup(from, ref, scopeLeaves) ?? compiledOf(from, ref);
      if (hit) return { code: hit.v, type: hit.leaf.type };
      const builtin = lookup(from, ref, leaves) ? undefined : builtins.read(ref);
      if (!builtin) throw new Error(`${from}: reads ${ref}, which is not computed before it (a later item field?)`);
      return builtin;
    };
  const facetOf =
    (from: string) =>
    (ref: string, fn: string): FieldVar => {
      const code = compiledOf(from, ref)?.facets?.[fn];
      if (code === undefined) throw new Error(`${from}: ${fn}(${ref}) needs a field that offers ${fn}()`);
      return { code, type: "number" };
    };
  /** Paths of an expression read from `from` (fields, prev., facets, built-ins). */
  const pathCode =
    (from: string, local: ReadonlyMap<string, CompiledLeaf>, self?: CompiledLeaf): PathCode =>
    (path, prev, facet) => {
      if (facet) return facetOf(from)(path, facet);
      if (prev) return prevOf(from)(path);
      if (self && lookup(from, path, leaves) === self.leaf) return { code: self.v, type: self.leaf.type };
      return varOf(from, local)(path);
    };
  const prevOf =
    (from: string) =>
    (ref: string): FieldVar => {
      const target = lookup(from, ref, leaves);
      if (!target || (target.type !== "number" && target.type !== "boolean"))
        throw new Error(`${from}: prev.${ref} must name a numeric or true/false field`);
      let p = prevStates.get(target.path);
      if (!p) {
        p = { state: tables.state(`prev ${target.path}`, "f64", 1, NaN, setup.devices), v: "", type: target.type };
        prevStates.set(target.path, p);
      }
      // On the device's first event prev is the current value (0 when that is computed later).
      const done = compiled.get(target.path);
      const cur = !done ? "0" : target.type === "boolean" ? `(+${done.v})` : done.v;
      const read = `(${p.state}[j] === ${p.state}[j] ? ${p.state}[j] : ${cur})`;
      return { code: target.type === "boolean" ? `(${read} === 1)` : read, type: target.type };
    };
  const scopeFor = (leaf: LeafNode, at: string, slots: number, local: ReadonlyMap<string, CompiledLeaf>): LeafScope => {
    const from = leaf.path;
    const group = leaf.group !== undefined && setup.group ? setup.group : undefined;
    return {
      tables,
      devices: group ? group.count : setup.devices,
      at,
      slots,
      ref: varOf(from, local),
      prev: prevOf(from),
      facet: facetOf(from),
      condition: (e, self) => exprCode(parseExpr(e), pathCode(from, local, self)).code,
      random: setup.random,
      cycle: setup.cycle,
      deviceSeed: setup.deviceSeed,
      deviceScale: setup.deviceScale,
      ...(group ? { owner: { d: builtins.groupIndex(), j: builtins.groupIndex(), salt: groupSalt(from) } } : {}),
    };
  };

  // prev.<field> reads need every field computed first; readers are compiled in order, so a
  // field read through prev. that comes later in the order is wired after the loop.
  for (const leaf of order) {
    const c = compileLeaf(leaf, scopeFor(leaf, "j", 1, new Map()));
    compiled.set(leaf.path, c);
    declare.push(...c.declare);
    body.push(c.body);
  }

  const objects = objectsByPath(kind.fields);
  const jsonContext = (local: Map<string, CompiledLeaf>): JsonContext => ({
    leaf: (n) => local.get(n.path) ?? compiled.get(n.path) ?? fail(n.path),
    ref: (path) => {
      const hit = compiledOf("", path);
      if (hit) return hit.json;
      const object = objects.get(path);
      if (!object) throw new Error(`{ref: ${path}} names no field`);
      return object;
    },
    itemLeaves: (items, index, slots) => inlineLeaves(items, `(j * ${slots} + ${index})`, slots),
    unique: (p) => tables.unique(p),
    fold: (table, head, tail) => tables.fold(table, head, tail),
    texts: (list) => tables.texts(list),
  });
  /** Leaves evaluated inline (array items, per-record topic values), in declaration order. */
  const inlineLeaves = (node: FieldNode, at: string, slots: number) => {
    const local = new Map<string, CompiledLeaf>();
    const decl: string[] = [];
    const stmts: string[] = [];
    for (const leaf of leavesOf(node)) {
      const c = compileLeaf(leaf, scopeFor(leaf, at, slots, local));
      local.set(leaf.path, c);
      decl.push(...c.declare);
      stmts.push(c.body);
    }
    return {
      declare: decl,
      body: stmts.join("\n"),
      jsonOf: (n: LeafNode) => local.get(n.path) ?? compiled.get(n.path) ?? fail(n.path),
    };
  };

  const valueContext = (local: Map<string, CompiledLeaf>): JsonContext => ({
    ...jsonContext(local),
    ref: (path) => compiledOf("", path)?.value ?? jsonContext(local).ref(path),
  });

  // Only what is written is built: array items compile leaves (state, constants) that later
  // draws are seeded by, so a run with values draws what a JSON-only run (surge sample) draws.
  const staged = (rule: TopicRule): boolean => setup.values?.[setup.roles.indexOf(rule.role)] === true;
  const eventRules = kind.topics.filter((r) => r.value === undefined);
  const allStaged = eventRules.length > 0 && eventRules.every(staged);
  const eventJson = new JsonBuilder(jsonContext(new Map()));
  const eventExpr = allStaged ? "" : eventJson.expression(kind.fields);
  // The event both as JSON and as a value would draw its arrays twice: JSON for both then.
  const eventStaged = allStaged || (eventRules.some(staged) && eventJson.pre.length === 0);
  const eventValue = new ValueBuilder(valueContext(new Map()));
  const eventValueExpr = eventStaged ? eventValue.expression(kind.fields) : "";
  const stagedRule = (rule: TopicRule): boolean => staged(rule) && (rule.value !== undefined || eventStaged);
  const usesEvent = eventRules.some((r) => !stagedRule(r));
  const usesEventValue = eventRules.some(stagedRule);
  if (usesEvent) declare.push("ev");
  if (usesEventValue) declare.push("evv");
  const rules = kind.topics.map((rule) =>
    ruleSource(rule, setup, {
      eventExpr: usesEvent
        ? `(ev === "" ? ${eventJson.pre.length > 0 ? "evBuild()" : `(ev = ${eventExpr})`} : ev)`
        : "",
      eventValueExpr: usesEventValue
        ? `(evv === undefined ? ${eventValue.pre.length > 0 ? "evvBuild()" : `(evv = ${eventValueExpr})`} : evv)`
        : "",
      staged: stagedRule(rule),
      template: (t) => templateCode(t, { d: "d", ref: (p) => varOf("", new Map())(p) }, kind.name),
      condition: (e) => exprCode(parseExpr(e), pathCode("", new Map())).code,
      value: (node) => {
        const local = inlineLeaves(node, "j", 1);
        const b = new JsonBuilder({ ...jsonContext(new Map()), leaf: local.jsonOf });
        const expr = b.expression(node);
        return {
          pre: [local.declare.length > 0 ? `let ${local.declare.join(", ")};` : "", local.body, ...b.pre].join("\n"),
          expr,
        };
      },
      recordValue: (node) => {
        const local = inlineLeaves(node, "j", 1);
        const b = new ValueBuilder({ ...valueContext(new Map()), leaf: local.jsonOf });
        const expr = b.expression(node);
        return {
          pre: [local.declare.length > 0 ? `let ${local.declare.join(", ")};` : "", local.body, ...b.pre].join("\n"),
          expr,
        };
      },
    }),
  );

  const lines = [
    "const j = J[d];",
    "const healthy = fx.scale === 1 && fx.drift === 0 && !fx.stuck;",
    dueCheck(kind, setup),
    ...builtins.head(),
    declare.length > 0 ? `let ${declare.map((n) => (n === "ev" ? 'ev = ""' : n)).join(", ")};` : "",
    ...body,
    eventJson.pre.length > 0 && usesEvent
      ? `const evBuild = () => { ${eventJson.pre.join("\n")}\n return (ev = ${eventExpr}); };`
      : "",
    eventValue.pre.length > 0 && usesEventValue
      ? `const evvBuild = () => { ${eventValue.pre.join("\n")}\n return (evv = ${eventValueExpr}); };`
      : "",
    ...rules,
    ...[...prevStates.entries()].map(([path, p]) => `${p.state}[j] = +${compiled.get(path)?.v ?? "NaN"};`),
    ...builtins.tail(),
  ];
  const source = `function (d, t, sink, fx, R) {\n${lines.filter(Boolean).join("\n")}\n}`;
  return dropUnreadTexts(source, [...compiled.values()]);
}

/**
 * A leaf's text statement (an ISO time's text) is dropped when its variable appears only in its
 * declaration and that statement: the records go out as values and nothing reads the text.
 */
function dropUnreadTexts(source: string, leaves: readonly CompiledLeaf[]): string {
  let out = source;
  for (const c of leaves) {
    if (c.text === undefined || !out.includes(c.body)) continue;
    const uses = out.match(new RegExp(`\\b${c.v}\\b`, "g"))?.length ?? 0;
    if (uses === 2) out = out.replace(c.body, () => c.body.slice(0, -(c.text as string).length));
  }
  return out;
}

function fail(path: string): never {
  throw new Error(`${path}: compiled out of order`);
}

/** Leaves of a subtree that are computed with it (array items are computed inside their loop). */
function leavesOf(node: FieldNode, out: LeafNode[] = []): LeafNode[] {
  if (node.kind === "leaf") out.push(node);
  else if (node.kind === "object") for (const f of node.fields) leavesOf(f.node, out);
  return out;
}
