/**
 * Settings as typed on the command line, before validation: text as given (so errors can quote
 * it and "max" or "64k" survive) and booleans for switches. `undefined` means "not given", so a
 * lower layer (environment, scenario file, default) decides.
 */
export interface RawFlags {
  scenario?: string;
  brokers?: string;
  rate?: string;
  devices?: string;
  duration?: string;
  count?: string;
  seed?: string;
  timeScale?: string;
  segment?: string;
  segments?: string;
  runId?: string;
  workers?: string;
  memoryLimit?: string;
  fleet?: string;
  fleetBrokers?: string;
  fleetToken?: string;
  expect?: string;
  startAt?: string;
  acks?: string;
  compression?: string;
  batchSize?: string;
  lingerMs?: string;
  maxInFlight?: string;
  retries?: string;
  deliveryTimeout?: string;
  requestTimeout?: string;
  idempotent?: boolean;
  partitions?: string;
  replicationFactor?: string;
  partitioner?: string;
  topicPrefix?: string;
  clientId?: string;
  noTui?: boolean;
  interval?: string;
  connectTimeout?: string;
  summaryJson?: string;
  dryRun?: boolean;
  profile?: string;
  anomaliesTopic?: string;
  groundTruth?: boolean;
  metrics?: string;
  metricsGrace?: string;
  hdrLog?: string;
  /** End-to-end read-back and pipeline following (src/e2e). */
  e2e?: boolean;
  e2eSample?: string;
  follow?: string;
  match?: string;
  followGrace?: string;
  followBrokers?: string;
  /** surge verify only. */
  run?: string;
  json?: boolean;
  timeout?: string;
  allowIncomplete?: boolean;
  requireAll?: boolean;
  since?: string;
  until?: string;
  /** surge sample, init: which topic to print; the sample files, the JSON Schema, the output file. */
  topic?: string;
  fromSample?: string;
  fromJsonSchema?: string;
  /** surge init: an .avsc, .proto or JSON Schema file. */
  fromSchema?: string;
  out?: string;
  /** surge init --from-trace, surge compare: the trace file, its time and group columns, its step when it has no time. */
  fromTrace?: string;
  time?: string;
  group?: string;
  cadence?: string;
  /** surge init --from-trace: "column" or "anomalies" (the label's episodes as spikes with ground truth). */
  labels?: string;
  ssl?: boolean;
  sslCa?: string;
  sslInsecure?: boolean;
  sslCert?: string;
  sslKey?: string;
  saslMechanism?: string;
  saslUsername?: string;
  saslPassword?: string;
  saslOauthTokenFile?: string;
  saslOauthTokenCommand?: string;
  /** Record formats and the schema registry (src/formats, src/registry). */
  format?: string;
  schemaRegistry?: string;
  subjectStrategy?: string;
  useLatest?: boolean;
  schemaId?: string;
  /** surge sample: the framed bytes (hex) instead of decoded records. */
  raw?: boolean;
  help?: boolean;
  version?: boolean;
}

export type FlagKey = keyof RawFlags;
export type StringFlagKey = { [K in FlagKey]-?: NonNullable<RawFlags[K]> extends string ? K : never }[FlagKey];
export type BooleanFlagKey = Exclude<FlagKey, StringFlagKey>;

export interface FlagSpec {
  key: FlagKey;
  /** As typed, without the leading "--". */
  name: string;
  type: "string" | "boolean";
  /** Environment variable that sets it when the flag is absent (none for --help/--version). */
  env?: string;
}

const s = (key: StringFlagKey, name: string): FlagSpec => ({ key, name, type: "string", env: envName(name) });
const b = (key: BooleanFlagKey, name: string): FlagSpec => ({ key, name, type: "boolean", env: envName(name) });

/** SURGE_ + the flag's name in upper snake case: --linger-ms -> SURGE_LINGER_MS. */
export function envName(flagName: string): string {
  return `SURGE_${flagName.toUpperCase().replaceAll("-", "_")}`;
}

/** Every flag the CLI accepts, in help order. */
export const FLAG_SPECS: readonly FlagSpec[] = [
  s("scenario", "scenario"),
  s("devices", "devices"),
  s("rate", "rate"),
  s("duration", "duration"),
  s("count", "count"),
  s("seed", "seed"),
  s("timeScale", "time-scale"),
  s("segment", "segment"),
  s("segments", "segments"),
  s("runId", "run-id"),
  s("workers", "workers"),
  s("memoryLimit", "memory-limit"),
  s("fleet", "fleet"),
  s("fleetBrokers", "fleet-brokers"),
  s("fleetToken", "fleet-token"),
  s("expect", "expect"),
  s("startAt", "start-at"),
  s("brokers", "brokers"),
  s("partitions", "partitions"),
  s("replicationFactor", "replication-factor"),
  s("topicPrefix", "topic-prefix"),
  s("clientId", "client-id"),
  s("acks", "acks"),
  s("compression", "compression"),
  s("batchSize", "batch-size"),
  s("lingerMs", "linger-ms"),
  s("maxInFlight", "max-in-flight"),
  s("retries", "retries"),
  s("deliveryTimeout", "delivery-timeout"),
  s("requestTimeout", "request-timeout"),
  b("idempotent", "idempotent"),
  s("partitioner", "partitioner"),
  b("ssl", "ssl"),
  s("sslCa", "ssl-ca"),
  b("sslInsecure", "ssl-insecure"),
  s("sslCert", "ssl-cert"),
  s("sslKey", "ssl-key"),
  s("saslMechanism", "sasl-mechanism"),
  s("saslUsername", "sasl-username"),
  s("saslPassword", "sasl-password"),
  s("saslOauthTokenFile", "sasl-oauth-token-file"),
  s("saslOauthTokenCommand", "sasl-oauth-token-command"),
  s("format", "format"),
  s("schemaRegistry", "schema-registry"),
  s("subjectStrategy", "subject-strategy"),
  b("useLatest", "use-latest"),
  s("schemaId", "schema-id"),
  b("noTui", "no-tui"),
  s("interval", "interval"),
  s("connectTimeout", "connect-timeout"),
  s("summaryJson", "summary-json"),
  b("dryRun", "dry-run"),
  s("profile", "profile"),
  s("anomaliesTopic", "anomalies-topic"),
  b("groundTruth", "ground-truth"),
  s("metrics", "metrics"),
  s("metricsGrace", "metrics-grace"),
  s("hdrLog", "hdr-log"),
  b("e2e", "e2e"),
  s("e2eSample", "e2e-sample"),
  s("follow", "follow"),
  s("match", "match"),
  s("followGrace", "follow-grace"),
  s("followBrokers", "follow-brokers"),
  s("run", "run"),
  b("json", "json"),
  s("timeout", "timeout"),
  b("allowIncomplete", "allow-incomplete"),
  b("requireAll", "require-all"),
  s("since", "since"),
  s("until", "until"),
  // Authoring commands only: no environment variable (a stray SURGE_OUT must not steer a run).
  { key: "topic", name: "topic", type: "string" },
  { key: "fromSample", name: "from-sample", type: "string" },
  { key: "fromJsonSchema", name: "from-json-schema", type: "string" },
  { key: "fromSchema", name: "from-schema", type: "string" },
  { key: "raw", name: "raw", type: "boolean" },
  { key: "out", name: "out", type: "string" },
  { key: "fromTrace", name: "from-trace", type: "string" },
  { key: "time", name: "time", type: "string" },
  { key: "group", name: "group", type: "string" },
  { key: "cadence", name: "cadence", type: "string" },
  { key: "labels", name: "labels", type: "string" },
  { key: "help", name: "help", type: "boolean" },
  { key: "version", name: "version", type: "boolean" },
];

export const FLAG_BY_KEY = new Map(FLAG_SPECS.map((spec) => [spec.key, spec]));

export function flagSpec(key: FlagKey): FlagSpec {
  const spec = FLAG_BY_KEY.get(key);
  if (!spec) throw new Error(`no flag spec for ${key}`);
  return spec;
}

/** Read as a fallback for --brokers, as many Kafka tools do. */
export const KAFKA_BROKERS_ENV = "KAFKA_BROKERS";
