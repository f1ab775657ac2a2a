/**
 * A declared fleet after validation: the typed tree every later stage reads (the compiler
 * today; schema encoders and fleet segmentation next). Types, optionality and which leaves keep
 * per-device state are explicit here, so those stages never re-read the YAML.
 */
import type { ValueType } from "./value-type.ts";

export type FieldNode = ObjectNode | ArrayNode | MapNode | LeafNode | ConstNode | RefNode;

export interface ObjectNode {
  kind: "object";
  /** `hidden` entries are computed and readable but not written (a group's fields in a member). */
  fields: { name: string; node: FieldNode; hidden?: boolean }[];
}

export interface ArrayNode {
  kind: "array";
  items: FieldNode;
  minLength: number;
  maxLength: number;
  /** Items are distinct (JSON Schema's uniqueItems): taken from a choice list, or redrawn on a repeat. */
  unique?: boolean;
}

/** An object with a drawn number of entries: keys from a list or a string generator, values from a tree. */
export interface MapNode {
  kind: "map";
  /** A fixed list (each record takes distinct ones), or a string leaf drawn per entry (repeats redrawn). */
  keys: string[] | LeafNode;
  values: FieldNode;
  minSize: number;
  maxSize: number;
}

export interface LeafNode {
  kind: "leaf";
  /** Dotted path of the field in the event ("sensors.temperature.value"; "readings[]" inside arrays). */
  path: string;
  gen: string;
  /** Params with defaults filled. */
  params: Readonly<Record<string, unknown>>;
  type: ValueType;
  /** Drawn once per device (fixed for its life) rather than per event. */
  perDevice: boolean;
  /** Chance the key is left out of the JSON (0 = always present). */
  omit: number;
  /** An expression: the key is left out of the JSON when it holds (e.g. no session id while idle). */
  omitIf?: string;
  /** Computed and readable by other fields, never written (a helper). */
  hidden?: boolean;
  /** A group's field (drawn once per group, read by every member), by group name. */
  group?: string;
  /** Chance the value is written as null (0 = never). */
  nulls: number;
  /** Spike, drift and stuck anomalies apply. */
  reading: boolean;
}

export interface ConstNode {
  kind: "const";
  value: string | number | boolean | null;
}

/** The value of another field of the event (topic values and templates reuse fields). */
export interface RefNode {
  kind: "ref";
  path: string;
}

/** When a topic rule writes records for an event. */
export type EmitWhen =
  | { every: true }
  | { probability: number }
  | { if: string }
  /** N records per event: a whole number or an expression (e.g. a motion-burst field). */
  | { repeat: number | string };

export interface TopicRule {
  /** Role in the scenario's `topics:` map. */
  role: string;
  /** Template of the record key. */
  key: string;
  headers: { name: string; template: string }[];
  /** The record value; undefined = the kind's whole event (`fields`). */
  value?: FieldNode;
  when: EmitWhen;
}

/** A group type of the fleet (a station, a building): members share its fields. */
export interface GroupOf {
  name: string;
  /** Members per group: [n, n] fixed, or [min, max] drawn per group. */
  size: [number, number];
}

export interface DeviceKind {
  name: string;
  /** The group type its devices belong to (their group's fields are in `fields` as a hidden object). */
  group?: GroupOf;
  /** Share of the fleet's devices (normalized over the kinds). */
  share: number;
  /** Per-device sample interval; undefined = the scenario's. */
  sampleIntervalMs?: number;
  /** ±fraction of the interval drawn for each next sample (0..1). */
  jitter: number;
  fields: ObjectNode;
  topics: TopicRule[];
}

export interface DeclaredFleet {
  kinds: DeviceKind[];
  /**
   * How devices get their kind: "blocks" (contiguous index ranges by share) or "interleaved"
   * (kinds repeat share times each in a pattern over the device index: shares 3, 1 → a a a b).
   */
  layout: "blocks" | "interleaved";
}
