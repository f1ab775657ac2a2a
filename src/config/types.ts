/** The fully validated, defaults-filled settings of one run: scenario file + env + flags. */
import type { Segment } from "../common/segment.ts";
import type { ExporterSettings } from "./resolve-exporters.ts";

export type Acks = 0 | 1 | -1;
export type Compression = "none" | "gzip" | "snappy" | "lz4" | "zstd";
export type PartitionerName = "murmur2" | "fnv1a" | "round-robin";

export interface ProducerSettings {
  acks: Acks;
  compression: Compression;
  /** Bytes of encoded values per topic batch before it is sent. */
  batchSize: number;
  /** How long a partly filled batch may wait for more records. */
  lingerMs: number;
  /** Produce requests in flight at once; more means more throughput and back-pressure later. */
  maxInFlight: number;
  /** Cap on tries of one batch; retries otherwise go on until deliveryTimeoutMs. */
  retries: number;
  /** How long a record may take from hand-over to acknowledgement, retries included. */
  deliveryTimeoutMs: number;
  /** How long one produce request may go unanswered before it is retried. */
  requestTimeoutMs: number;
  /** Producer id and sequences on every batch: no duplicates or reordering from retries (acks=all). */
  idempotent: boolean;
  partitioner: PartitionerName;
  clientId: string;
}

export type SaslMechanism = "plain" | "scram-sha-256" | "scram-sha-512" | "oauthbearer";
export type PasswordMechanism = Exclude<SaslMechanism, "oauthbearer">;

/** Where an OAUTHBEARER token comes from: a file (re-read before the token expires) or a command's stdout. */
export type OauthTokenSource = { file: string } | { command: string };

/** Never printed, logged or shown: the password (and the token, read later) stay inside. */
export type SaslSettings =
  | { mechanism: PasswordMechanism; username: string; password: string }
  | { mechanism: "oauthbearer"; token: OauthTokenSource };

export interface SecuritySettings {
  /**
   * TLS to the brokers; caFile adds a trusted CA (PEM), rejectUnauthorized=false skips checks,
   * certFile + keyFile (PEM) are the client certificate for mutual TLS.
   */
  ssl?: { caFile?: string; certFile?: string; keyFile?: string; rejectUnauthorized: boolean };
  sasl?: SaslSettings;
}

export interface TopicSettings {
  /** Role the model emits on (e.g. "data", "alerts"). */
  role: string;
  /** Name on the broker, topic prefix applied. */
  name: string;
  /** How records are written (src/formats); absent = json. */
  format?: "json" | "avro" | "protobuf" | "json-schema";
  /** A schema file given in the scenario (.avsc, .proto, .schema.json), as written there. */
  schema?: string;
  /** The message of a .proto with several. */
  message?: string;
}

export interface Scenario {
  name: string;
  description: string;
  /** Registered event model that builds this scenario's events. */
  model: string;
  devices: number;
  /** Nominal per-device sample interval (ms); rate defaults to devices / interval. */
  sampleIntervalMs: number;
  /** Where `surge sample` starts its event times (epoch ms); default the clock. */
  sampleStartMs?: number;
  /** Hard cap on events per second from any one device, 0 = none. */
  maxRatePerDevice: number;
  topics: TopicSettings[];
  /** Model-specific knobs, validated by the model itself. */
  params: Record<string, unknown>;
  /** A declared fleet as written (docs/fleet-format.md); its model is "declared". */
  fleet?: unknown;
  /** The scenario file's own device count, when --devices overrides it (a fleet's pairings scale by the ratio). */
  declaredDevices?: number;
}

/** How the target rate moves over the run (events per second, from the start of generation). */
export type RateProfile =
  | { kind: "constant"; rate: number }
  /** Linear from `from` to `to` over durationMs, then holds `to`. */
  | { kind: "ramp"; from: number; to: number; durationMs: number }
  /** Each rate for stepMs in turn, then holds the last. */
  | { kind: "step"; rates: number[]; stepMs: number }
  | { kind: "sine"; min: number; max: number; periodMs: number }
  /** `base`, with `peak` for forMs at the start of every everyMs. */
  | { kind: "spike"; base: number; peak: number; everyMs: number; forMs: number };

/** An anomaly a scenario's timeline injects `atMs` after generation starts. */
export interface ScheduledAnomaly {
  atMs: number;
  kind: string;
  /** 0..1 of the devices. */
  share: number;
  durationMs: number;
  magnitude?: number;
  topic?: string;
}

export interface RunSettings {
  scenario: Scenario;
  brokers: string[];
  /** Target events per second, or "max" for as fast as the producer accepts. */
  rate: number | "max";
  durationMs: number;
  /** Stop after this many generated device events, 0 = no limit. */
  count: number;
  seed: number;
  /**
   * Simulated seconds per real second for day/night cycles and battery drain (1 = real time,
   * 1440 = a day per minute). Optional only so hand-built settings in tests may omit it (= 1).
   */
  timeScale?: number;
  partitions: number;
  /** Of topics surge creates; undefined: min(3, brokers in the cluster). */
  replicationFactor?: number;
  topicPrefix: string;
  producer: ProducerSettings;
  security: SecuritySettings;
  tui: boolean;
  intervalMs: number;
  /** Give up on the initial broker connection after this long. */
  connectTimeoutMs: number;
  summaryJson?: string;
  dryRun: boolean;
  /** Rate over time; when set it drives the target until the rate is set by hand. */
  profile?: RateProfile;
  /** Anomalies injected at fixed times, in time order. */
  timeline: ScheduledAnomaly[];
  /** Ground-truth topic (run start, anomalies, run end); "" = off. */
  truthTopic: string;
  /** --metrics, --hdr-log; optional only so hand-built settings in tests may omit them (= off). */
  exporters?: ExporterSettings;
  /** --e2e / --follow (src/e2e); absent when off. */
  e2e?: E2eSettings;
  /** --segment: the share of the fleet this instance runs (all of it when absent). */
  segment?: Segment;
  /** --run-id: the run id every instance of a split run shares; a fresh one when absent. */
  runId?: string;
  /** --fleet: publish results to the fleet's topic, on these brokers (--fleet-brokers, else the run's). */
  fleet?: FleetSettings;
  /** --memory-limit in bytes (src/memory), 0 = off; optional only so hand-built settings in tests may omit it. */
  memoryLimitBytes?: number;
  /** --workers: worker threads, each running an equal part of this instance's share (1 = none). */
  workers?: number;
}

/** --e2e / --follow (src/e2e, resolved in resolve-e2e.ts). */
export interface FollowSpec {
  /** The pipeline's output topic, read from its end at start. */
  out: string;
  /** The surge topic the pipeline reads. */
  in: string;
}

export interface E2eSettings {
  /** Read back the topics surge writes. */
  readBack: boolean;
  /** Share of records stamped and measured, (0, 1]. */
  sample: number;
  follows: FollowSpec[];
  /** --match: keys of the value path that identifies a record in the output (headers when absent). */
  match?: { path: string; keys: string[] };
  /** How long a record may take through the pipeline before it counts as never out. */
  graceMs: number;
  /** --follow-brokers: the cluster the OUT topics live on (MirrorMaker 2 to another cluster); --brokers when absent. */
  followBrokers?: string[];
}

export interface FleetSettings {
  name: string;
  brokers: string[];
  /** --fleet-token / SURGE_FLEET_TOKEN: signs and checks fleet commands. Never printed. */
  token?: string;
  /** --expect: instances to wait for before starting; 0 = start at once. */
  expect: number;
  /** --start-at (epoch ms); NaN = none. */
  startAtMs: number;
}
