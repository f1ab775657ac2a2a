/** A guessed scenario → YAML text: objects as blocks, generator leaves on one line, comments where guesses were made. */
import { Document, isScalar, Pair, Scalar, visit, YAMLMap, type Node } from "yaml";
import type { Guess, GuessField } from "./guess.ts";
import { formatInterval } from "./intervals.ts";

export interface KindGuess {
  name: string;
  fields: GuessField[];
  /** Template of the record key when the default (the first id field, else the device number) is not the device's identity. */
  key?: string;
  /** The interval the kind's samples show (ms), when they show one. */
  intervalMs?: number;
  /** Written above the kind (where its samples came from). */
  comment?: string;
}

export interface ScenarioGuess {
  name: string;
  description: string;
  devices: number;
  topic: string;
  kinds: KindGuess[];
  /** Lines at the top of the file. */
  header: string[];
}

/** When the samples show no interval: one event per device every 5 s. */
export const DEFAULT_INTERVAL_MS = 5000;

/** YAML comments are one line each: newlines in a note would end the comment. */
const oneLine = (text: string): string => ` ${text.replace(/[\r\n]+/g, " ")}`;

export function scenarioYaml(s: ScenarioGuess): string {
  const doc = new Document();
  const root = new YAMLMap<unknown, unknown>();
  const add = (
    map: YAMLMap<unknown, unknown>,
    key: string,
    value: unknown,
    comment?: string,
    flow = false,
  ): Pair<unknown, unknown> => {
    const node = isNode(value) ? value : doc.createNode(value);
    if (flow && node instanceof YAMLMap) node.flow = true;
    const k = new Scalar(key);
    const pair = new Pair<unknown, unknown>(k, node);
    if (comment) k.commentBefore = comment.split("\n").map(oneLine).join("\n");
    map.items.push(pair);
    return pair;
  };
  add(root, "name", s.name);
  add(root, "description", s.description);
  add(
    root,
    "devices",
    s.devices,
    "how many devices (--devices overrides); the rate is devices / sampleInterval (--rate overrides)",
  );
  const shown = s.kinds.map((k) => k.intervalMs).filter((ms): ms is number => ms !== undefined);
  const fastest = shown.length > 0 ? Math.min(...shown) : DEFAULT_INTERVAL_MS;
  add(
    root,
    "sampleInterval",
    formatInterval(fastest),
    shown.length > 0 ? "as the samples' timestamps show (the fastest kind's)" : "each device sends an event this often",
  );
  const topics = new YAMLMap<unknown, unknown>();
  add(topics, "data", s.topic);
  add(root, "topics", topics, "role: topic name (--topic-prefix prepends to it)");
  const fleet = new YAMLMap<unknown, unknown>();
  for (const kind of s.kinds) {
    const body = new YAMLMap<unknown, unknown>();
    if (s.kinds.length > 1) add(body, "share", 1, "relative share of the devices");
    const own = kind.intervalMs ?? DEFAULT_INTERVAL_MS;
    if (own > fastest)
      add(body, "sampleInterval", formatInterval(own), "slower than the scenario's: this kind skips turns");
    add(body, "fields", objectNode(doc, kind.fields), "the event, field by field (generators: docs/generators.md)");
    const rules = new YAMLMap<unknown, unknown>();
    if (kind.key)
      add(rules, "data", { key: kind.key }, "the whole event on every sample, keyed by the device's identity", true);
    else
      add(
        rules,
        "data",
        {},
        "the whole event on every sample; key = the first id field (else the device number)",
        true,
      );
    add(body, "topics", rules);
    add(fleet, kind.name, body, kind.comment);
  }
  add(root, "fleet", fleet, "the devices, declared (docs/fleet-format.md)");
  doc.contents = root as never;
  doc.commentBefore = s.header.map(oneLine).join("\n");
  doc.comment = [
    "Anomalies at fixed times (or key a in the dashboard); records carry ground truth, surge verify scores them:",
    "timeline:",
    "  - at: 30s",
    "    inject: {kind: spike, share: 5%, for: 1m}",
  ]
    .map(oneLine)
    .join("\n");
  // A key named << would read back as a YAML merge key (scenarios allow them): quoted, it stays a name.
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "<<") pair.key.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function isNode(v: unknown): v is Node {
  return v instanceof YAMLMap || v instanceof Scalar;
}

function objectNode(doc: Document, fields: readonly GuessField[]): YAMLMap<unknown, unknown> {
  const map = new YAMLMap<unknown, unknown>();
  for (const f of fields) {
    const node = guessNode(doc, f.guess);
    const key = new Scalar(f.name);
    // A one-line value takes its note at the end of the line, a block one above its key.
    if (f.comment) {
      if (node instanceof YAMLMap && !node.flow) key.commentBefore = oneLine(f.comment);
      else (node as Scalar | YAMLMap).comment = oneLine(f.comment);
    }
    map.items.push(new Pair(key, node));
  }
  return map;
}

function guessNode(doc: Document, g: Guess): Node {
  switch (g.t) {
    case "object":
      return g.fields.length === 0
        ? (doc.createNode({ const: {} }, { flow: true }) as YAMLMap)
        : objectNode(doc, g.fields);
    case "leaf":
      return doc.createNode(g.leaf, { flow: true }) as YAMLMap;
    case "const": {
      const v = g.value;
      if (v !== null && typeof v === "object") return doc.createNode({ const: v }, { flow: true }) as YAMLMap;
      return doc.createNode(v) as Scalar;
    }
    case "array": {
      const items = guessNode(doc, g.items);
      const map = new YAMLMap<unknown, unknown>();
      map.items.push(new Pair(new Scalar("array"), items));
      map.items.push(new Pair(new Scalar("length"), doc.createNode(g.length, { flow: true })));
      if (g.unique) map.items.push(new Pair(new Scalar("unique"), new Scalar(true)));
      // Short when the items are one generator or a value; a block when they are an object.
      if (!(items instanceof YAMLMap) || items.flow) map.flow = true;
      return map;
    }
    case "map": {
      const values = guessNode(doc, g.values);
      const map = new YAMLMap<unknown, unknown>();
      map.items.push(new Pair(new Scalar("map"), values));
      map.items.push(new Pair(new Scalar("keys"), doc.createNode(g.keys, { flow: true })));
      map.items.push(new Pair(new Scalar("size"), doc.createNode(g.size, { flow: true })));
      if (!(values instanceof YAMLMap) || values.flow) map.flow = true;
      return map;
    }
  }
}
