/** A scenario YAML file -> its typed, checked content (every bad field reported at once). */
import { isMap, type YamlMap } from "../common/is-map.ts";
import { Checker } from "./checker.ts";
import { LIMITS } from "./defaults.ts";
import { SCENARIO_LIMITS, tooLargeProblem } from "./scenario-limits.ts";
import { readYamlText } from "./yaml-text.ts";
import { topicNameProblem } from "./topics.ts";
import { profileValue } from "./profile.ts";
import type { ProducerSettings, RateProfile, TopicSettings } from "./types.ts";
import { bad, durationValue, numberAtLeast, ok, textValue, wholeNumber, type Parser } from "../common/values.ts";
import { acksValue, compressionValue, partitionerValue, rateValue, sizeValue, timeScaleValue } from "./values.ts";

/** What a scenario file says; anything left out is filled by env, flags or defaults later. */
export interface PartialScenarioFile {
  name?: string;
  description?: string;
  model: string;
  devices?: number;
  sampleIntervalMs?: number;
  /** Where `surge sample` starts its event times (epoch ms); a run starts at the clock. */
  sampleStartMs?: number;
  maxRatePerDevice?: number;
  rate?: number | "max";
  durationMs?: number;
  /** Simulated seconds per real second (day/night cycles, battery drain). */
  timeScale?: number;
  /** In file order, without the topic prefix. */
  topics: TopicSettings[];
  producer: Partial<ProducerSettings>;
  /** Untouched: the model validates its own knobs. */
  params: Record<string, unknown>;
  profile?: RateProfile;
  /** Checked in resolve.ts against the anomaly kinds it is given. */
  timeline?: unknown;
  /** A declared fleet (docs/fleet-format.md), checked by src/sim/declared/validate.ts. */
  fleet?: unknown;
}

export const SCENARIO_KEYS = [
  "name",
  "description",
  "model",
  "devices",
  "sampleInterval",
  "sampleStart",
  "maxRatePerDevice",
  "rate",
  "duration",
  "timeScale",
  "topics",
  "producer",
  "params",
  "profile",
  "timeline",
  "fleet",
] as const;
export const PRODUCER_KEYS = [
  "acks",
  "compression",
  "batchSize",
  "lingerMs",
  "partitioner",
  "maxInFlight",
  "retries",
  "clientId",
] as const;

/** The model name of a scenario with a `fleet:` block. */
export const DECLARED_MODEL = "declared";
const MODEL_NAME = /^[a-z0-9][a-z0-9_-]*$/i;

export interface ScenarioYamlResult {
  scenario?: PartialScenarioFile;
  /** At most one line, "source:line:col: ..." — later syntax errors are usually echoes of the first. */
  syntaxErrors: string[];
  /** One line per bad field, "path: problem". */
  schemaErrors: string[];
}

export function parseScenarioYaml(text: string, source: string): { scenario?: PartialScenarioFile; errors: string[] } {
  const { scenario, syntaxErrors, schemaErrors } = readScenarioYaml(text, source);
  return scenario ? { scenario, errors: [] } : { errors: [...syntaxErrors, ...schemaErrors] };
}

export function readScenarioYaml(text: string, source: string): ScenarioYamlResult {
  const bytes = Buffer.byteLength(text);
  if (bytes > SCENARIO_LIMITS.bytes) return { syntaxErrors: [tooLargeProblem(source, bytes)], schemaErrors: [] };
  const read = readYamlText(text, source);
  if ("problem" in read) return { syntaxErrors: [read.problem], schemaErrors: [] };
  const data = read.data;
  if (!isMap(data)) {
    const got =
      data === null || data === undefined ? "an empty file" : Array.isArray(data) ? "a list" : "a single value";
    return {
      syntaxErrors: [],
      schemaErrors: [`${source}: must be a YAML map with model, devices, topics, ..., got ${got}`],
    };
  }
  const check = new Checker();
  const scenario = checkScenario(data, check);
  return check.errors.length === 0
    ? { scenario, syntaxErrors: [], schemaErrors: [] }
    : { syntaxErrors: [], schemaErrors: check.errors };
}

function checkScenario(map: YamlMap, check: Checker): PartialScenarioFile {
  check.unknownKeys(map, SCENARIO_KEYS);
  const model = check.optional(map, "model", "model", (raw) =>
    typeof raw === "string" && MODEL_NAME.test(raw)
      ? { ok: true, value: raw }
      : { ok: false, problem: "must be the name of an event model (letters, digits, - _)" },
  );
  const declared = map["fleet"] !== undefined && map["fleet"] !== null;
  if (declared && model !== undefined) check.reject("model", "a scenario has either a model or a fleet, not both");
  if (!declared && (map["model"] === undefined || map["model"] === null)) {
    check.reject(
      "model",
      "required (the event model that builds this scenario's events), or a fleet: block (docs/fleet-format.md)",
    );
  }

  return {
    name: check.optional(map, "name", "name", textValue(100)),
    description: check.optional(map, "description", "description", textValue(1000)),
    model: declared ? DECLARED_MODEL : (model ?? ""),
    devices: check.optional(map, "devices", "devices", wholeNumber(LIMITS.devices.min, LIMITS.devices.max)),
    sampleIntervalMs: check.optional(
      map,
      "sampleInterval",
      "sampleInterval",
      durationValue({ minMs: 1, maxMs: LIMITS.sampleIntervalMs.max }),
    ),
    maxRatePerDevice: check.optional(
      map,
      "maxRatePerDevice",
      "maxRatePerDevice",
      numberAtLeast(0, "a number of events per second, 0 or more (0 = no cap)"),
    ),
    rate: check.optional(map, "rate", "rate", rateValue),
    durationMs: check.optional(map, "duration", "duration", durationValue({ minMs: 0 })),
    topics: checkTopics(map["topics"], check),
    producer: checkProducer(map["producer"], check),
    params: checkParams(map["params"], check),
    ...optionalEntries({
      sampleStartMs: check.optional(map, "sampleStart", "sampleStart", timeValue),
      timeScale: check.optional(map, "timeScale", "timeScale", timeScaleValue),
      profile: check.optional(map, "profile", "profile", profileValue),
      timeline: map["timeline"] ?? undefined,
      fleet: map["fleet"] ?? undefined,
    }),
  };
}

/** Keys that are absent stay absent (no `key: undefined`), like the producer block below. */
function optionalEntries<T extends object>(entries: T): Partial<T> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkTopics(raw: unknown, check: Checker): TopicSettings[] {
  if (raw === undefined || raw === null) {
    check.reject("topics", "required (a map of role: topic name, e.g. data: device-data)");
    return [];
  }
  if (!isMap(raw) || Object.keys(raw).length === 0) {
    check.reject("topics", "must be a map of role: topic name with at least one entry, e.g. data: device-data", raw);
    return [];
  }
  const topics: TopicSettings[] = [];
  for (const [role, entry] of Object.entries(raw)) {
    if (isMap(entry)) {
      const topic = topicWithFormat(role, entry, check);
      if (topic) topics.push(topic);
      continue;
    }
    const problem = topicNameProblem(entry);
    if (problem) check.reject(`topics.${role}`, problem, entry);
    else topics.push({ role, name: entry as string });
  }
  return topics;
}

/** `role: {name: t, format: avro, schema: t.avsc, message: M}` (docs/formats.md). */
function topicWithFormat(role: string, entry: YamlMap, check: Checker): TopicSettings | undefined {
  const at = `topics.${role}`;
  check.unknownKeys(entry, TOPIC_KEYS, at);
  const problem = topicNameProblem(entry["name"]);
  if (problem) check.reject(`${at}.name`, problem, entry["name"]);
  const format = entry["format"];
  if (format !== undefined && !(TOPIC_FORMATS as readonly unknown[]).includes(format)) {
    check.reject(`${at}.format`, `must be one of ${TOPIC_FORMATS.join(", ")}`, format);
  }
  const text = (key: string): string | undefined => {
    const v = entry[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string" && v.length > 0 && v.length <= 4096) return v;
    check.reject(
      `${at}.${key}`,
      key === "schema" ? "must be the path of a .avsc, .proto or .schema.json file" : "must be a message name",
      v,
    );
    return undefined;
  };
  const schema = text("schema");
  const message = text("message");
  if (problem) return undefined;
  return {
    role,
    name: entry["name"] as string,
    ...(typeof format === "string" ? { format: format as NonNullable<TopicSettings["format"]> } : {}),
    ...(schema ? { schema } : {}),
    ...(message ? { message } : {}),
  };
}

const TOPIC_KEYS = ["name", "format", "schema", "message"] as const;
export const TOPIC_FORMATS = ["json", "avro", "protobuf", "json-schema"] as const;

function checkProducer(raw: unknown, check: Checker): Partial<ProducerSettings> {
  if (raw === undefined || raw === null) return {};
  if (!isMap(raw)) {
    check.reject("producer", "must be a map of producer settings (acks, compression, batchSize, ...)", raw);
    return {};
  }
  check.unknownKeys(raw, PRODUCER_KEYS, "producer");
  const producer: Partial<ProducerSettings> = {
    acks: check.optional(raw, "acks", "producer.acks", acksValue),
    compression: check.optional(raw, "compression", "producer.compression", compressionValue),
    batchSize: check.optional(
      raw,
      "batchSize",
      "producer.batchSize",
      sizeValue(LIMITS.batchSize.min, LIMITS.batchSize.max),
    ),
    lingerMs: check.optional(
      raw,
      "lingerMs",
      "producer.lingerMs",
      wholeNumber(LIMITS.lingerMs.min, LIMITS.lingerMs.max),
    ),
    partitioner: check.optional(raw, "partitioner", "producer.partitioner", partitionerValue),
    maxInFlight: check.optional(
      raw,
      "maxInFlight",
      "producer.maxInFlight",
      wholeNumber(LIMITS.maxInFlight.min, LIMITS.maxInFlight.max),
    ),
    retries: check.optional(raw, "retries", "producer.retries", wholeNumber(LIMITS.retries.min, LIMITS.retries.max)),
    clientId: check.optional(raw, "clientId", "producer.clientId", textValue(255)),
  };
  // Drop absent keys so spreading this over defaults never writes `undefined`.
  return Object.fromEntries(Object.entries(producer).filter(([, v]) => v !== undefined)) as Partial<ProducerSettings>;
}

function checkParams(raw: unknown, check: Checker): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (isMap(raw)) return raw;
  check.reject("params", "must be a map of model settings", raw);
  return {};
}

/** A date and time (ISO 8601, UTC unless it says otherwise), as epoch ms. */
const timeValue: Parser<number> = (raw) => {
  const ms = raw instanceof Date ? raw.getTime() : typeof raw === "string" ? Date.parse(raw.trim()) : NaN;
  return Number.isFinite(ms) ? ok(ms) : bad("must be a date and time like 2001-01-22T00:00:00Z");
};
