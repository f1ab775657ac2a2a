/** Sample files (JSON, or one JSON object per line) → a starter scenario: one kind per family of payloads. */
import { basename, extname } from "node:path";
import { nodeCount, type GuessField } from "./guess.ts";
import { sampleIntervalOf } from "./intervals.ts";
import { eventGuess } from "./sample-infer.ts";
import { addValue, emptyShape, jsonType } from "./sample-shape.ts";
import type { KindGuess, ScenarioGuess } from "./yaml-writer.ts";

export interface SampleFile {
  path: string;
  text: string;
}

/** The validator's limits: fields per kind, kinds per fleet (src/sim/declared/validate.ts). */
const MAX_NODES = 5000;
const MAX_KINDS = 100;
/** What a template may name (src/sim/declared/template.ts). */
const TEMPLATE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Per-device generators that make a device identity besides `id` (which is the default key already). */
const IDENTITIES = new Set(["uuid", "mac", "imei", "serial"]);

/** A key naming the first top-level field that identifies the device, when it is not an `id` field. */
function identityKey(fields: readonly GuessField[]): string | undefined {
  for (const f of fields) {
    if (f.guess.t !== "leaf") continue;
    const leaf = f.guess.leaf;
    if (leaf["gen"] === "id") return undefined;
    const perDevice = leaf["gen"] === "mac" || leaf["gen"] === "imei" || leaf["per"] === "device";
    if (
      IDENTITIES.has(String(leaf["gen"])) &&
      perDevice &&
      leaf["omit"] === undefined &&
      leaf["nullable"] === undefined &&
      TEMPLATE_NAME.test(f.name)
    )
      return `{${f.name}}`;
  }
  return undefined;
}

/** The payloads of one file, or one line saying what is wrong with it. */
export function parseSamples(file: SampleFile): { values: Record<string, unknown>[] } | { error: string } {
  const text = file.text.replace(/^\uFEFF/, "");
  if (text.trim() === "")
    return { error: `${file.path}: empty file (give one JSON object: an event as your device sends it)` };
  let values: unknown[];
  try {
    values = [JSON.parse(text)];
  } catch (whole) {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
    values = [];
    for (const [i, line] of lines.entries()) {
      try {
        values.push(JSON.parse(line));
      } catch {
        const reason = whole instanceof Error ? whole.message.split("\n")[0] : "";
        return {
          error: `${file.path}: not JSON (${lines.length > 1 ? `line ${i + 1}; ` : ""}${reason}); give one JSON object, or one per line`,
        };
      }
    }
  }
  if (values.length === 1 && Array.isArray(values[0])) {
    return {
      error: `${file.path}: a JSON list at the top: a sample is one event (a JSON object); put one event per file, or one per line`,
    };
  }
  const objects: Record<string, unknown>[] = [];
  for (const [i, v] of values.entries()) {
    const type = jsonType(v);
    if (type !== "object")
      return {
        error: `${file.path}: ${values.length > 1 ? `line ${i + 1}: ` : ""}a sample must be a JSON object (an event), got ${type === "array" ? "a list" : type}`,
      };
    objects.push(v as Record<string, unknown>);
  }
  return { values: objects };
}

/** A kind or scenario name from a file name: letters, digits, _ and -, starting with a letter. */
export function nameFrom(path: string, fallback: string): string {
  const base = basename(path, extname(path))
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^[^A-Za-z]+/, "")
    .replace(/-+$/, "")
    .slice(0, 60);
  return base === "" ? fallback : base;
}

interface Group {
  name: string;
  files: string[];
  keys: Set<string>;
  values: Record<string, unknown>[];
}

/** Payloads with mostly the same top-level keys are one kind of device; others start a new kind. */
function group(samples: readonly { path: string; value: Record<string, unknown> }[]): Group[] {
  const groups: Group[] = [];
  for (const { path, value } of samples) {
    const keys = new Set(Object.keys(value));
    const home = groups.find((g) => similarity(g.keys, keys) >= 0.5);
    if (home) {
      home.values.push(value);
      if (!home.files.includes(path)) home.files.push(path);
      for (const k of keys) home.keys.add(k);
    } else {
      const taken = new Set(groups.map((g) => g.name));
      let name = nameFrom(path, "device");
      for (let i = 2; taken.has(name); i++) name = `${nameFrom(path, "device")}-${i}`;
      groups.push({ name, files: [path], keys, values: [value] });
    }
  }
  return groups;
}

function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const k of b) if (a.has(k)) both++;
  return both / (a.size + b.size - both);
}

export function scenarioFromSamples(
  files: readonly SampleFile[],
  name: string,
  when: Date,
): { scenario: ScenarioGuess } | { errors: string[] } {
  const errors: string[] = [];
  const samples: { path: string; value: Record<string, unknown> }[] = [];
  for (const file of files) {
    const parsed = parseSamples(file);
    if ("error" in parsed) errors.push(parsed.error);
    else for (const value of parsed.values) samples.push({ path: file.path, value });
  }
  if (errors.length > 0) return { errors };
  // An empty object says nothing about the device: left out when other samples say more.
  const useful = samples.filter((s) => Object.keys(s.value).length > 0);
  if (useful.length === 0)
    return {
      errors: [`${files.map((f) => f.path).join(", ")}: only empty objects ({}): give an event with its fields`],
    };
  const kinds: KindGuess[] = [];
  for (const g of group(useful)) {
    const shape = emptyShape();
    for (const v of g.values) addValue(shape, v);
    const guess = eventGuess(shape);
    if (guess.t !== "object") continue;
    if (nodeCount(guess) > MAX_NODES) {
      errors.push(
        `${g.files[0]}: more than ${MAX_NODES} fields in one event; a device kind holds at most ${MAX_NODES} (trim the sample)`,
      );
      continue;
    }
    const intervalMs = sampleIntervalOf(g.values);
    const key = identityKey(guess.fields);
    kinds.push({
      name: g.name,
      fields: guess.fields,
      ...(intervalMs !== undefined ? { intervalMs } : {}),
      ...(key ? { key } : {}),
      comment: `from ${g.files.join(", ")} (${g.values.length} sample${g.values.length === 1 ? "" : "s"})`,
    });
  }
  if (errors.length > 0) return { errors };
  if (kinds.length > MAX_KINDS)
    return {
      errors: [
        `the samples hold ${kinds.length} different kinds of payload (by their keys); a fleet holds at most ${MAX_KINDS}: give fewer files`,
      ],
    };
  return {
    scenario: {
      name,
      description: `Inferred by surge init from ${files.map((f) => basename(f.path)).join(", ")}`,
      devices: 1000,
      topic: `${name}-events`,
      kinds,
      header: [
        `Written by surge init --from-sample on ${when.toISOString().slice(0, 10)}: a starting point, edit it.`,
        "Check it with `surge scenario check FILE`, look at events with `surge sample --scenario FILE`.",
        "Format: docs/fleet-format.md; every generator with its parameters: docs/generators.md.",
      ],
    },
  };
}
