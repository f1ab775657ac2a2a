/** Code of one leaf: its generator's statements, per-device caching, omit / null draws, its JSON text. */
import type { Random } from "../../random.ts";
import { asciiJson } from "../../format.ts";
import { GENERATORS } from "../generators/index.ts";
import type { LeafNode } from "../model.ts";
import { CONST_GEN } from "../paths.ts";
import type { ValueType } from "../value-type.ts";
import type { CodeContext, FieldVar, ModelTables } from "./context.ts";

/** Devices (or groups) whose device-fixed texts a field keeps; the rest are redrawn per event. */
export const CACHED_DEVICES = 65_536;

/** A compiled leaf: the variable holding its value, the expression of its JSON text, the statements. */
export interface CompiledLeaf {
  leaf: LeafNode;
  v: string;
  json: string;
  /** Expression of the value a binary format writes: what the JSON text parses to (values.ts). */
  value: string;
  /** `let` declarations, name or `name = init` (hoisted to the function top or the loop body). */
  declare: string[];
  body: string;
  /** Expression true when the key is left out (omit), or "" when never. */
  omitted: string;
  /** When the JSON text is one of a few known texts: [condition, text] pairs, then the last text. */
  finite?: { cases: [string, string][]; otherwise: string };
  /** Functions of this field other fields may call (since(status)) → JS expressions. */
  facets?: Readonly<Record<string, string>>;
  /** The statement of `body` that only sets `v` (LeafCode.text): kind.ts drops it when `v` is never read. */
  text?: string;
}

/** A scalar constant read by a ref or an expression: its literal, no code. */
function constantLeaf(leaf: LeafNode): CompiledLeaf {
  const value = leaf.params["value"];
  const code = value === null || value === undefined ? "null" : JSON.stringify(value);
  const json = JSON.stringify(asciiJson(JSON.stringify(value ?? null)));
  return { leaf, v: `(${code})`, json, value: `(${code})`, declare: [], body: "", omitted: "" };
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
  facet: (path: string, fn: string) => FieldVar;
  /** JS code of an expression over the fields (an `omit:` condition; `self` is the leaf being compiled). */
  condition: (expr: string, self?: CompiledLeaf) => string;
  /** Seed of the per-device streams. */
  deviceSeed: number;
  /** Devices of this run / devices the scenario declares. */
  deviceScale: number;
  /** The index the leaf's per-device values are drawn and cached by: "d"/"j" for a device, "g" for a group's field. */
  owner?: { d: string; j: string; salt: number };
}

function defaultJson(type: ValueType, v: string, decimals: number | undefined): string {
  switch (type) {
    case "number":
      return decimals === undefined
        ? `num(${v})`
        : decimals === 2
          ? `fmt2(${v})`
          : decimals === 1
            ? `fmt1(${v})`
            : decimals === 0
              ? `fmtInt(${v})`
              : `fmtN(${v}, ${decimals})`;
    case "boolean":
      return `(${v} ? "true" : "false")`;
    case "string":
      return `jsonString(${v})`;
    case "json":
      return v;
  }
}

/**
 * The value expression of the usual JSON texts (values.ts mirrors their formatting); undefined
 * when the text is something else, which is then parsed (and remembered) per text.
 */
function directValue(
  type: ValueType,
  custom: string | undefined,
  v: string,
  decimals: number | undefined,
): string | undefined {
  if (custom === undefined) {
    switch (type) {
      case "number":
        if (decimals === undefined) return `(Number.isFinite(${v}) ? ${v} + 0 : null)`;
        return decimals === 2
          ? `val2(${v})`
          : decimals === 1
            ? `val1(${v})`
            : decimals === 0
              ? `valInt(${v})`
              : `valN(${v}, ${decimals})`;
      case "boolean":
      case "string":
        return v;
      case "json":
        return undefined;
    }
  }
  // Quoted safe text, or a choice's raw value beside its JSON text (pick, zipf).
  if (custom === `'"' + ${v} + '"'` || custom === `${v}_j`) return v;
  // Whole numbers (counters, epoch times) written with String() or the time formatter's cache.
  if (custom === `String(${v})` || custom === `time.epochMs(${v})` || custom === `epochUs(${v})`) return `(${v} + 0)`;
  const fixed = /^fmtN\(([\w$]+), (\d)\)$/.exec(custom);
  return fixed && fixed[1] === v ? `valN(${v}, ${fixed[2]})` : undefined;
}

export function compileLeaf(leaf: LeafNode, scope: LeafScope): CompiledLeaf {
  if (leaf.gen === CONST_GEN) return constantLeaf(leaf);
  const spec = GENERATORS.get(leaf.gen);
  if (!spec) throw new Error(`unknown generator ${leaf.gen}`);
  const { tables } = scope;
  const v = tables.unique("f");
  const decimals = typeof leaf.params["decimals"] === "number" ? leaf.params["decimals"] : undefined;
  const owner = scope.owner ?? { d: "d", j: "j", salt: -1 };
  const ctx: CodeContext = {
    v,
    path: leaf.path,
    at: scope.owner ? owner.j : scope.at,
    d: owner.d,
    t: "t",
    rng: leaf.perDevice ? "DR" : "R",
    fx: "fx",
    healthy: "healthy",
    entries: scope.devices * scope.slots,
    decimals: decimals ?? 2,
    deviceScale: scope.deviceScale,
    state: (type, init = 0) => tables.state(leaf.path, type, scope.slots, init, scope.devices),
    constant: (value) => tables.constant(value),
    ref: scope.ref,
    prev: scope.prev,
    facet: scope.facet,
    random: scope.random,
    cycle: scope.cycle,
    local: (prefix) => tables.unique(prefix),
  };
  const code = spec.compile(leaf.params, ctx);
  const rounds = leaf.type === "number" && decimals !== undefined && !leaf.reading && code.json === undefined;
  const f = 10 ** (decimals ?? 0);
  let body = code.body + (rounds ? ` ${v} = Math.round(${v} * ${f}) / ${f};` : "");
  let json = code.json ?? defaultJson(leaf.type, v, decimals);
  let value = code.value ?? directValue(leaf.type, code.json, v, decimals);
  if (code.nullable) json = `(${v} === null ? "null" : ${json})`;
  if (code.nullable && value !== undefined) value = `(${v} === null ? null : ${value})`;
  // Locals start at 0: a correlated reading may read a partner's trend step that has none.
  const declare = [v, ...(code.locals ?? []).map((l) => `${l} = 0`)];
  if (leaf.perDevice && !spec.direct) {
    // Drawn from the device's own stream (the same draw every time), cached for the first
    // CACHED_DEVICES devices as flat strings and redrawn for the rest, so memory stays flat in
    // the devices a run reaches (a million cached texts cost several hundred MB).
    const cached = Math.min(scope.devices, CACHED_DEVICES);
    // Value and text side by side in one array, so one cache line serves both: interleaved
    // kinds visit their devices' caches in turn, and misses there were their largest cost.
    const pair = tables.state(leaf.path, "str", 2, 0, cached);
    // The text had an array of its own once: still counted, so every draw keeps its salt.
    tables.skip();
    const j = `${v}_t`;
    // A group's field is drawn by (group field, group), the same in every kind that reads it.
    const salt = owner.salt >= 0 ? owner.salt : tables.serial;
    const at = owner.j;
    // Texts a few devices share (a pick's values) are kept once: one string, hot in the cache.
    const seen = tables.memo();
    body = `let ${j} = ${at} < ${cached} ? ${pair}[2 * ${at} + 1] : "";
  if (${j} !== "") ${v} = ${pair}[2 * ${at}];
  else { ${/\bDR\b/.test(body) ? `const DR = deviceRandom(${scope.deviceSeed}, ${salt}, ${owner.d}); ` : ""}${body} ${j} = ${json};
    if (${at} < ${cached}) { ${pair}[2 * ${at}] = ${v} = keep(${seen}, ${v}); ${pair}[2 * ${at} + 1] = ${j} = keep(${seen}, ${j}); } }`;
    json = j;
  }
  // Any other text: parsed, remembered by text (after the per-device cache: its cached text).
  value ??= `jsonValue(${tables.memo()}, ${json})`;
  let omitted = "";
  if (leaf.omit > 0) {
    omitted = `${v}_o`;
    declare.push(omitted);
    body = `${omitted} = R.next() < ${leaf.omit}; ${body}`;
  }
  if (leaf.omitIf !== undefined) {
    // After the value: the condition may read this very field (omit: "session == null").
    omitted = `${v}_o`;
    declare.push(omitted);
    body = `${body} ${omitted} = !!(${scope.condition(leaf.omitIf, { leaf, v, json, value, declare, body, omitted: "" })});`;
  }
  if (leaf.nulls > 0) {
    const isNull = `${v}_n`;
    declare.push(isNull);
    body += ` ${isNull} = R.next() < ${leaf.nulls};`;
    json = `(${isNull} ? "null" : ${json})`;
    value = `(${isNull} ? null : ${value})`;
  }
  let finite: CompiledLeaf["finite"];
  if (!leaf.perDevice && leaf.nulls === 0 && !code.nullable) {
    if (leaf.type === "boolean" && code.json === undefined) finite = { cases: [[v, "true"]], otherwise: "false" };
    const lits = code.literals;
    if (lits && lits.length > 0 && lits.length <= 8) {
      finite = {
        cases: lits.slice(0, -1).map((l) => [`${v} === ${JSON.stringify(l)}`, JSON.stringify(l)]),
        otherwise: JSON.stringify(lits[lits.length - 1]),
      };
    }
  }
  return {
    leaf,
    v,
    json,
    value,
    declare,
    body,
    omitted,
    ...(finite ? { finite } : {}),
    ...(code.facets ? { facets: code.facets } : {}),
    // Per-device leaves read `v` in their cache code; only a plain body's text statement can go.
    ...(code.text !== undefined && body.endsWith(code.text) ? { text: code.text } : {}),
  };
}
