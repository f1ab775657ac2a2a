/** Code of one leaf: its generator's statements, per-device caching, omit / null draws, its JSON text. */
import type { Random } from "../../random.ts";
import { GENERATORS } from "../generators/index.ts";
import type { LeafNode } from "../model.ts";
import type { ValueType } from "../value-type.ts";
import type { CodeContext, FieldVar, ModelTables } from "./context.ts";

/** A compiled leaf: the variable holding its value, the expression of its JSON text, the statements. */
export interface CompiledLeaf {
  leaf: LeafNode;
  v: string;
  json: string;
  /** `let` declarations, name or `name = init` (hoisted to the function top or the loop body). */
  declare: string[];
  body: string;
  /** Expression true when the key is left out (omit), or "" when never. */
  omitted: string;
  /** When the JSON text is one of a few known texts: [condition, text] pairs, then the last text. */
  finite?: { cases: [string, string][]; otherwise: string };
}

export interface LeafScope {
  tables: ModelTables;
  /** Devices of the kind. */
  devices: number;
  /** State index expression and entries per device. */
  at: string;
  slots: number;
  ref: (path: string) => FieldVar;
  prev: (path: string) => FieldVar;
  random: () => Random;
  cycle: (periodHours: number, peakHours: number) => string;
  /** Seed of the per-device streams. */
  deviceSeed: number;
}

function defaultJson(type: ValueType, v: string, decimals: number | undefined): string {
  switch (type) {
    case "number":
      return decimals === undefined ? `num(${v})` : decimals === 2 ? `fmt2(${v})` : decimals === 1 ? `fmt1(${v})` : decimals === 0 ? `fmtInt(${v})` : `fmtN(${v}, ${decimals})`;
    case "boolean": return `(${v} ? "true" : "false")`;
    case "string": return `jsonString(${v})`;
    case "json": return v;
  }
}

export function compileLeaf(leaf: LeafNode, scope: LeafScope): CompiledLeaf {
  const spec = GENERATORS.get(leaf.gen);
  if (!spec) throw new Error(`unknown generator ${leaf.gen}`);
  const { tables } = scope;
  const v = tables.unique("f");
  const decimals = typeof leaf.params["decimals"] === "number" ? leaf.params["decimals"] : undefined;
  const ctx: CodeContext = {
    v, path: leaf.path, at: scope.at, d: "d", t: "t", rng: leaf.perDevice ? "DR" : "R", fx: "fx", healthy: "healthy",
    entries: scope.devices * scope.slots, decimals: decimals ?? 2,
    state: (type, init = 0) => tables.state(leaf.path, type, scope.slots, init, scope.devices),
    constant: (value) => tables.constant(value),
    ref: scope.ref, prev: scope.prev, random: scope.random, cycle: scope.cycle,
    local: (prefix) => tables.unique(prefix),
  };
  const code = spec.compile(leaf.params, ctx);
  const rounds = leaf.type === "number" && decimals !== undefined && !leaf.reading && code.json === undefined;
  const f = 10 ** (decimals ?? 0);
  let body = code.body + (rounds ? ` ${v} = Math.round(${v} * ${f}) / ${f};` : "");
  let json = code.json ?? defaultJson(leaf.type, v, decimals);
  // Locals start at 0: a correlated reading may read a partner's trend step that has none.
  const declare = [v, ...(code.locals ?? []).map((l) => `${l} = 0`)];
  if (leaf.perDevice && !spec.direct) {
    // Drawn once per device from the device's own stream, then read from the caches.
    const raw = tables.state(leaf.path, "str", 1, 0, scope.devices);
    const text = tables.state(leaf.path, "str", 1, 0, scope.devices);
    const j = `${v}_t`;
    const salt = tables.states.length;
    body = `${v} = ${raw}[j]; let ${j} = ${text}[j];
  if (${j} === "") { const DR = deviceRandom(${scope.deviceSeed}, ${salt}, d); ${body} ${j} = ${json}; ${raw}[j] = ${v}; ${text}[j] = ${j}; }`;
    json = j;
  }
  let omitted = "";
  if (leaf.omit > 0) {
    omitted = `${v}_o`;
    declare.push(omitted);
    body = `${omitted} = R.next() < ${leaf.omit}; ${body}`;
  }
  if (leaf.nulls > 0) {
    const isNull = `${v}_n`;
    declare.push(isNull);
    body += ` ${isNull} = R.next() < ${leaf.nulls};`;
    json = `(${isNull} ? "null" : ${json})`;
  }
  let finite: CompiledLeaf["finite"];
  if (!leaf.perDevice && leaf.nulls === 0) {
    if (leaf.type === "boolean" && code.json === undefined) finite = { cases: [[v, "true"]], otherwise: "false" };
    const lits = code.literals;
    if (lits && lits.length > 0 && lits.length <= 8) {
      finite = { cases: lits.slice(0, -1).map((l) => [`${v} === ${JSON.stringify(l)}`, JSON.stringify(l)]), otherwise: JSON.stringify(lits[lits.length - 1]) };
    }
  }
  return { leaf, v, json, declare, body, omitted, ...(finite ? { finite } : {}) };
}
