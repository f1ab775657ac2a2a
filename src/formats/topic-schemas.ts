/**
 * Settings → one encoder per topic (undefined for JSON topics), built once at start: the
 * declared tree's Shape per topic, then the given schema file checked against it or a schema
 * derived from it. Every problem comes back at once, by topic and path.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { RunSettings, TopicSettings } from "../config/types.ts";
import { validateFleet } from "../sim/declared/validate.ts";
import { avroSchemaOf, bindAvro } from "./avro.ts";
import { avroWriter } from "./avro-writer.ts";
import { deriveShapes, valuesAt } from "./derive.ts";
import {
  avroEncoder,
  jsonSchemaEncoder,
  protobufEncoder,
  type FormatName,
  type TopicEncoder,
  type TopicSchema,
} from "./encoder.ts";
import { checkJsonSchema, jsonSchemaOf } from "./json-schema.ts";
import { packageName, pascal } from "./names.ts";
import { bindProto } from "./protobuf.ts";
import { protoTextOf } from "./proto-text.ts";
import { protoWriter } from "./proto-writer.ts";
import type { Shape } from "./shape.ts";

/** Sampled records per topic to type ready-made JSON objects (location, product). */
const SAMPLES = 300;

export interface FormatOptions {
  /** --format: every topic. */
  format?: FormatName;
  /** Directory that relative schema paths start from (the scenario file's). */
  baseDir: string;
  /** JSON texts of up to `count` records of topic `topicIndex`, from a model other than the run's. */
  sample: (topicIndex: number, count: number) => string[];
}

export function topicFormat(topic: TopicSettings, o: Pick<FormatOptions, "format">): FormatName {
  return o.format ?? topic.format ?? "json";
}

/** The encoders, and a way to rebuild one from a schema the registry holds (checked the same way). */
export interface BuiltEncoders {
  encoders: (TopicEncoder | undefined)[];
  fromText: (topicIndex: number, text: string, source: string) => TopicEncoder | { problems: string[] };
}

export function buildEncoders(settings: RunSettings, o: FormatOptions): BuiltEncoders | { problems: string[] } {
  const { scenario } = settings;
  const topics = scenario.topics;
  const none = (): { problems: string[] } => ({ problems: ["no schema"] });
  if (topics.every((t) => topicFormat(t, o) === "json"))
    return { encoders: topics.map(() => undefined), fromText: none };
  if (scenario.fleet === undefined) {
    return {
      problems: [
        `--format / format: needs a declared fleet (fleet: block); scenario ${scenario.name} uses the coded model ${scenario.model}`,
      ],
    };
  }
  const roles = topics.map((t) => t.role);
  const { fleet, errors } = validateFleet(scenario.fleet, { roles });
  if (!fleet) return { problems: errors };
  const parsed = new Map<string, unknown[]>();
  const samples = (role: string, path: string): unknown[] => {
    let records = parsed.get(role);
    if (!records) {
      records = o.sample(roles.indexOf(role), SAMPLES).map((text) => JSON.parse(text) as unknown);
      parsed.set(role, records);
    }
    return valuesAt(records, path);
  };
  const { shapes, problems } = deriveShapes(
    fleet,
    roles.filter((_, i) => topicFormat(topics[i] as TopicSettings, o) !== "json"),
    samples,
  );
  const encoders: (TopicEncoder | undefined)[] = [];
  for (const topic of topics) {
    const format = topicFormat(topic, o);
    const shape = shapes.get(topic.role);
    if (format === "json" || !shape) {
      if (format !== "json" && !problems.some((p) => p.startsWith(`topic ${topic.role}:`)))
        problems.push(
          `topic ${topic.role}: no kind of the fleet writes to it, so there is no schema to derive; give one with schema:`,
        );
      encoders.push(undefined);
      continue;
    }
    const built = encoderFor(topic, format, shape, settings.scenario.name, o.baseDir, undefined);
    if ("problems" in built) {
      problems.push(...built.problems.map((p) => `topic ${topic.role} (${format}): ${p}`));
      encoders.push(undefined);
    } else encoders.push(built.encoder);
  }
  // The derived schema must take what the fleet really writes: sampled records are encoded once.
  encoders.forEach((e, i) => {
    const topic = topics[i] as TopicSettings;
    if (!e || topic.schema) return;
    parsed.delete(topic.role);
    samples(topic.role, "");
    for (const record of parsed.get(topic.role) ?? []) {
      try {
        e.encode(JSON.stringify(record));
      } catch (error) {
        problems.push(
          `topic ${topic.role}: a sampled record does not fit the derived ${e.format} schema (${error instanceof Error ? error.message.slice(0, 200) : String(error)}); give a schema with schema:`,
        );
        break;
      }
    }
  });
  if (problems.length > 0) return { problems };
  const fromText = (i: number, text: string, source: string): TopicEncoder | { problems: string[] } => {
    const topic = topics[i] as TopicSettings;
    const shape = shapes.get(topic.role);
    const format = topicFormat(topic, o);
    if (!shape || format === "json") return none();
    const built = encoderFor(topic, format, shape, scenario.name, o.baseDir, { text, source });
    return "encoder" in built
      ? built.encoder
      : { problems: built.problems.map((p) => `topic ${topic.role} (${format}): ${p}`) };
  };
  return { encoders, fromText };
}

function encoderFor(
  topic: TopicSettings,
  format: Exclude<FormatName, "json">,
  shape: Shape,
  scenario: string,
  baseDir: string,
  registered: { text: string; source: string } | undefined,
): { encoder: TopicEncoder } | { problems: string[] } {
  const name = pascal(topic.role);
  const pkg = packageName(scenario);
  let given = registered;
  if (topic.schema && !given) {
    const path = resolve(baseDir, topic.schema);
    const wanted = format === "avro" ? /\.avsc$/i : format === "protobuf" ? /\.proto$/i : /\.json$/i;
    if (!wanted.test(path))
      return {
        problems: [
          `schema: ${topic.schema} does not fit format ${format} (.avsc for avro, .proto for protobuf, .schema.json for json-schema)`,
        ],
      };
    try {
      given = { text: readFileSync(path, "utf8"), source: topic.schema };
    } catch (error) {
      return {
        problems: [`schema: cannot read ${topic.schema}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`],
      };
    }
  }
  switch (format) {
    case "avro": {
      let schema: unknown;
      try {
        schema = given ? JSON.parse(given.text) : avroSchemaOf(shape, name, pkg);
      } catch (error) {
        return { problems: [`${given?.source}: not JSON: ${error instanceof Error ? error.message : String(error)}`] };
      }
      const b = bindAvro(schema, shape, given?.source ?? "derived schema");
      if ("problems" in b) return b;
      const write = avroWriter(b.type);
      const topicSchema: TopicSchema = { format, text: given?.text ?? JSON.stringify(schema), fullName: b.fullName };
      return { encoder: avroEncoder(topicSchema, b, "unsupported" in write ? undefined : write) };
    }
    case "protobuf": {
      const text = given?.text ?? protoTextOf(shape, name, pkg);
      const b = bindProto(text, topic.message, shape, given?.source ?? "derived schema");
      if ("problems" in b) return b;
      const schema: TopicSchema = { format, text, fullName: b.fullName, indexes: b.indexes };
      const write = protoWriter(b.type, shape);
      return { encoder: protobufEncoder(schema, b, "unsupported" in write ? undefined : write) };
    }
    case "json-schema": {
      let schema: unknown;
      try {
        schema = given ? JSON.parse(given.text) : jsonSchemaOf(shape, `${pkg}.${name}`);
      } catch (error) {
        return { problems: [`${given?.source}: not JSON: ${error instanceof Error ? error.message : String(error)}`] };
      }
      if (given) {
        const problems = checkJsonSchema(schema, shape);
        if (problems.length > 0) return { problems: problems.map((p) => `${given.source}: ${p}`) };
      }
      const title = (schema as { title?: unknown }).title;
      return {
        encoder: jsonSchemaEncoder({
          format,
          text: given?.text ?? JSON.stringify(schema),
          fullName: typeof title === "string" ? title : `${pkg}.${name}`,
        }),
      };
    }
  }
}

/** Where relative schema paths start: the scenario file's directory, else the working directory. */
export function schemaBaseDir(scenarioFlag: string | undefined, cwd: string): string {
  return scenarioFlag !== undefined && /[\\/]|\.ya?ml$/i.test(scenarioFlag) ? dirname(resolve(cwd, scenarioFlag)) : cwd;
}
