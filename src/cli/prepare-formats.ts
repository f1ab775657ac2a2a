/**
 * Before a run (or a sample): each topic's encoder, its schema registered (or looked up) when a
 * registry is given and the Confluent header set, else the schema printed once. Any problem is
 * a UsageError (exit 2) before a record is sent.
 */
import type { RawFlags } from "../config/raw-flags.ts";
import type { RunSettings } from "../config/types.ts";
import { UsageError } from "./usage-error.ts";
import { sampleRecords } from "../authoring/sample-events.ts";
import { RegistryClient, RegistryError, type RegistrySettings } from "../registry/client.ts";
import { SUBJECT_STRATEGIES, subjectName, type SubjectStrategy } from "../registry/subject.ts";
import type { EventModel } from "../sim/types.ts";
import { REGISTRY_TYPE, type FormatName, type TopicEncoder, type TopicFormatInfo } from "../formats/encoder.ts";
import { buildEncoders, schemaBaseDir, topicFormat } from "../formats/topic-schemas.ts";

const FORMATS: readonly FormatName[] = ["json", "avro", "protobuf", "json-schema"];

export interface PreparedFormats {
  encoders: (TopicEncoder | undefined)[];
  info: TopicFormatInfo[];
}

type Env = Readonly<Record<string, string | undefined>>;

export type { TopicFormatInfo };

export async function prepareFormats(
  settings: RunSettings,
  flags: RawFlags,
  env: Env,
  sampleModel: () => EventModel,
  say: (line: string) => void,
): Promise<PreparedFormats> {
  const format = flags.format ?? env["SURGE_FORMAT"];
  if (format !== undefined && !FORMATS.includes(format as FormatName))
    throw new UsageError(`--format: must be one of ${FORMATS.join(", ")}, got ${JSON.stringify(format)}`);
  const strategy = (flags.subjectStrategy ?? env["SURGE_SUBJECT_STRATEGY"] ?? "topic") as SubjectStrategy;
  if (!SUBJECT_STRATEGIES.includes(strategy))
    throw new UsageError(
      `--subject-strategy: must be one of ${SUBJECT_STRATEGIES.join(", ")}, got ${JSON.stringify(strategy)}`,
    );
  const schemaIdText = flags.schemaId ?? env["SURGE_SCHEMA_ID"];
  const schemaId = schemaIdText === undefined ? undefined : Number(schemaIdText);
  if (schemaId !== undefined && !(Number.isInteger(schemaId) && schemaId >= 0 && schemaId <= 0x7fffffff))
    throw new UsageError(`--schema-id: must be a whole number, got ${JSON.stringify(schemaIdText)}`);
  const useLatest = flags.useLatest ?? /^(1|true)$/i.test(env["SURGE_USE_LATEST"] ?? "");
  const url = flags.schemaRegistry ?? env["SURGE_SCHEMA_REGISTRY"];
  if ((useLatest || schemaId !== undefined) && !url)
    throw new UsageError(`--${useLatest ? "use-latest" : "schema-id"}: needs --schema-registry URL`);

  // Sampled from a fresh model, so the run's own model (and `surge sample`'s) is not advanced.
  const sample = (topicIndex: number, count: number): string[] =>
    sampleRecords(settings, sampleModel(), { count, topicIndex, startMs: Date.now(), maxVisits: 200_000 }).records.map(
      (r) => r.value,
    );
  const o = {
    ...(format ? { format: format as FormatName } : {}),
    baseDir: schemaBaseDir(flags.scenario, process.cwd()),
    sample,
  };
  const built = buildEncoders(settings, o);
  if ("problems" in built) throw new UsageError(built.problems.map((p) => `scenario ${settings.scenario.name}: ${p}`));
  const { encoders } = built;
  const topics = settings.scenario.topics;
  const info: TopicFormatInfo[] = topics.map((t) => ({ format: topicFormat(t, o) }));
  if (!encoders.some(Boolean)) return { encoders, info };

  if (!url) {
    encoders.forEach((e, i) => {
      if (!e) return;
      const t = topics[i]!;
      say(
        `topic ${t.name}: ${e.format} without a schema registry (plain ${e.format === "json-schema" ? "JSON" : `${e.format} binary`}, no Confluent header); schema ${e.schema.fullName}:`,
      );
      const text = e.format === "protobuf" ? e.schema.text : JSON.stringify(JSON.parse(e.schema.text), null, 2);
      for (const line of text.trimEnd().split("\n")) say(`  ${line}`);
    });
    return { encoders, info };
  }
  const client = new RegistryClient(registrySettings(url, settings, env));
  try {
    for (let i = 0; i < topics.length; i++) {
      let e = encoders[i];
      if (!e) continue;
      const topic = topics[i]!;
      const subject = subjectName(strategy, topic.name, e.schema.fullName);
      const found =
        schemaId !== undefined
          ? await client.byId(schemaId, subject)
          : useLatest
            ? await client.latest(subject)
            : await client.register(subject, e.schema.text, REGISTRY_TYPE[e.format as Exclude<FormatName, "json">]);
      if (schemaId !== undefined || useLatest) {
        const rebuilt = built.fromText(
          i,
          found.schema,
          `subject ${subject}${found.version ? ` version ${found.version}` : ""} (id ${found.id})`,
        );
        if ("problems" in rebuilt) throw new UsageError(rebuilt.problems);
        e = rebuilt;
        encoders[i] = e;
      }
      e.useRegistry(found.id, subject);
      info[i] = { format: e.format, subject, schemaId: found.id };
      say(
        `topic ${topic.name}: ${e.format}, subject ${subject}${found.version ? ` version ${found.version}` : ""}, schema id ${found.id} (${client.where()})`,
      );
    }
  } catch (error) {
    if (error instanceof RegistryError) throw new UsageError(error.message);
    throw error;
  }
  return { encoders, info };
}

function registrySettings(url: string, settings: RunSettings, env: Env): RegistrySettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--schema-registry: must be a URL like http://127.0.0.1:8081, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new UsageError(`--schema-registry: must be an http:// or https:// URL`);
  if (parsed.username || parsed.password)
    throw new UsageError(
      "--schema-registry: put credentials in SURGE_SCHEMA_REGISTRY_USER / _PASSWORD, not in the URL",
    );
  const user = env["SURGE_SCHEMA_REGISTRY_USER"];
  const password = env["SURGE_SCHEMA_REGISTRY_PASSWORD"];
  if ((user === undefined) !== (password === undefined))
    throw new UsageError("SURGE_SCHEMA_REGISTRY_USER and SURGE_SCHEMA_REGISTRY_PASSWORD: set both or neither");
  const token = env["SURGE_SCHEMA_REGISTRY_TOKEN"];
  const ssl = settings.security.ssl;
  return {
    url,
    ...(user !== undefined && password !== undefined ? { basic: { user, password } } : {}),
    ...(token ? { token } : {}),
    ...(ssl?.caFile ? { caFile: ssl.caFile } : {}),
    rejectUnauthorized: ssl?.rejectUnauthorized ?? true,
    timeoutMs: 10_000,
  };
}
