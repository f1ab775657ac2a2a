/**
 * `surge scenario check`: every problem of a scenario file at once (the file's own keys, the
 * timeline, the declared fleet or the coded model's params), each with its line:col, or a summary.
 */
import { parseDocument } from "yaml";
import { isMap } from "../common/is-map.ts";
import { Checker } from "../config/checker.ts";
import { readScenarioYaml } from "../config/scenario-file.ts";
import { inlineFleetFiles, type FleetFileReader } from "../config/fleet-files.ts";
import { checkTimeline } from "../config/timeline.ts";
import { ANOMALY_KINDS } from "../sim/anomalies/index.ts";
import type { FieldNode } from "../sim/declared/model.ts";
import { validateFleet } from "../sim/declared/validate.ts";
import { models } from "../sim/models/index.ts";
import { YamlLocator } from "./yaml-locate.ts";

export interface CheckResult {
  /** "source:line:col: path: problem" lines. */
  problems: string[];
  /** What the scenario declares, when valid. */
  summary?: string[];
}

/** `files` reads the catalogs a fleet names (`file:`); without it such a fleet is reported, not read. */
export function checkScenarioText(text: string, source: string, files?: FleetFileReader): CheckResult {
  const { syntaxErrors, schemaErrors } = readScenarioYaml(text, source);
  if (syntaxErrors.length > 0) return { problems: syntaxErrors };
  let raw: unknown;
  try {
    raw = parseDocument(text, { uniqueKeys: true, merge: true }).toJS({ maxAliasCount: 100 });
  } catch {
    return { problems: schemaErrors };
  }
  if (!isMap(raw)) return { problems: schemaErrors };
  const locator = new YamlLocator(text);
  const lines: string[] = [...schemaErrors.map((e) => e.replace(`${source}: `, ""))];

  const timeline = new Checker();
  checkTimeline(raw["timeline"], ANOMALY_KINDS, timeline);
  lines.push(...timeline.errors);

  const roles = isMap(raw["topics"]) ? Object.keys(raw["topics"]) : [];
  const fleetRaw = raw["fleet"];
  let summary: string[] | undefined;
  let warnings: string[] = [];
  if (fleetRaw !== undefined && fleetRaw !== null) {
    const inlined = files ? inlineFleetFiles(fleetRaw, files) : { fleet: fleetRaw, errors: [] };
    const { fleet, errors, warnings: w } = validateFleet(inlined.fleet, { roles });
    lines.push(...inlined.errors, ...errors);
    warnings = w.map((l) => `warning: ${located(l, source, locator)}`);
    if (fleet) {
      summary = fleet.kinds.map((k) => {
        const rules = k.topics.map((r) => r.role);
        return `kind ${k.name}: share ${k.share}, ${countFields(k.fields)} fields, writes to ${[...new Set(rules)].join(", ")}`;
      });
    }
  } else if (typeof raw["model"] === "string") {
    const factory = models[raw["model"]];
    if (factory) {
      lines.push(...factory.validate(isMap(raw["params"]) ? raw["params"] : {}));
      summary = [`model ${raw["model"]} (coded)`];
    } else if (!schemaErrors.some((e) => e.includes("model"))) {
      lines.push(
        `model: unknown event model ${JSON.stringify(raw["model"])}; known models: ${Object.keys(models).join(", ")}; or declare a fleet: block`,
      );
    }
  }
  if (lines.length > 0) return { problems: lines.map((l) => located(l, source, locator)) };
  const topics = isMap(raw["topics"])
    ? Object.entries(raw["topics"]).map(([role, name]) => `${role} → ${String(name)}`)
    : [];
  const devices = typeof raw["devices"] === "number" ? `${raw["devices"]} devices` : "devices not set (give --devices)";
  return { problems: [], summary: [...(summary ?? []), `topics: ${topics.join(", ")}`, devices, ...warnings] };
}

/** "path: problem" → "source:line:col: path: problem" (line:col of the entry, or its nearest parent). */
function located(line: string, source: string, locator: YamlLocator): string {
  const cut = line.indexOf(": ");
  const path = cut > 0 ? line.slice(0, cut) : "";
  const unknown = /unknown key "((?:[^"\\]|\\.)*)"/.exec(line);
  const cycle = / in a cycle: (\S+) →/.exec(line);
  const target = cycle
    ? `${path}.${cycle[1]}`
    : unknown
      ? `${path.startsWith("unknown key") || path === "" ? "" : `${path}.`}${JSON.parse(`"${unknown[1]}"`) as string}`
      : path;
  const at = locator.locate(target);
  return at ? `${source}:${at.line}:${at.col}: ${line}` : `${source}: ${line}`;
}

function countFields(node: FieldNode): number {
  if (node.kind === "object") return node.fields.reduce((n, f) => n + countFields(f.node), 0);
  if (node.kind === "array") return countFields(node.items);
  if (node.kind === "map") return countFields(node.values);
  return 1;
}
