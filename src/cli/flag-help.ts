/**
 * The flag table: every flag with its argument, its meaning and its default, by group. The one
 * source of `surge --help` (help.ts) and docs/flags.md (help-markdown.ts), so they cannot drift.
 * (Over 300 lines: a row per flag, data rather than logic.)
 */
import { DEFAULTS } from "../config/defaults.ts";
import { formatDuration } from "../common/duration.ts";
import type { FlagKey } from "../config/raw-flags.ts";
import { formatSize } from "../config/size.ts";
import { listWords } from "../common/values.ts";
import { COMPRESSIONS, PARTITIONERS, SASL_MECHANISMS } from "../config/values.ts";
import { DEFAULT_VERIFY_TIMEOUT_MS } from "../verify/settings.ts";

export interface FlagHelp {
  arg?: string;
  text: string;
  default?: string;
}

const P = DEFAULTS.producer;

export const FLAG_GROUPS: ReadonlyArray<readonly [string, Partial<Record<FlagKey, FlagHelp>>]> = [
  [
    "Scenario and load",
    {
      scenario: {
        arg: "NAME|PATH",
        text: "built-in scenario (see `surge scenarios`) or a scenario YAML file",
        default: DEFAULTS.scenario,
      },
      devices: { arg: "N", text: "simulated devices in the fleet", default: "the scenario's" },
      rate: {
        arg: "N|max",
        text: 'target events/s; "max" = as fast as the producer accepts',
        default: "the scenario's (scales with --devices)",
      },
      duration: {
        arg: "DURATION",
        text: "stop after this long: 500ms, 30s, 5m, 1h30m; 0 = until stopped",
        default: "the scenario's, else 0",
      },
      count: { arg: "N", text: "stop after this many device events; 0 = no limit", default: String(DEFAULTS.count) },
      seed: { arg: "N", text: "seed (0-4294967295) for a replayable run; the one used is printed", default: "random" },
      timeScale: {
        arg: "N",
        text: "simulated time runs N× faster for day/night cycles and battery drain; 1440 = a day per minute",
        default: String(DEFAULTS.timeScale),
      },
      segment: {
        arg: "i/N|FROM:TO",
        text: "run only this share of the fleet's devices and rate (0/3, 1/3, 2/3 on three boxes add up to the whole)",
        default: "all of it",
      },
      segments: {
        arg: "N",
        text: "N equal shares, this instance's index from $JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)",
      },
      fleet: {
        arg: "NAME",
        text: "publish this instance's counters and histograms to topic surge.fleet.NAME every interval, for `surge watch NAME` and `surge report NAME`",
      },
      fleetBrokers: {
        arg: "HOST:PORT,...",
        text: "brokers for the fleet's results topic (so a cluster under fault does not take them down)",
        default: "--brokers",
      },
      fleetToken: {
        arg: "TOKEN",
        text: "secret (16+ characters) that signs fleet commands: instances apply only commands signed with it (env SURGE_FLEET_TOKEN)",
      },
      expect: {
        arg: "N",
        text: "with --fleet and --run-id: wait, sending nothing, until N instances of the run have joined, then start together",
      },
      startAt: {
        arg: "TIME",
        text: "with --fleet: start at this time (2026-12-06T21:30:00Z) even if not all --expect instances joined",
      },
      runId: {
        arg: "ID",
        text: "run id for the ground truth and headers; the same on every instance of a split run",
        default: "a fresh one",
      },
      workers: {
        arg: "N|auto",
        text: "run N equal shares of this instance's part on N worker threads (each its own producer connection), numbers merged; auto = the box's cores",
        default: "1",
      },
      memoryLimit: {
        arg: "SIZE",
        text: "soft memory limit: above this RSS surge asks the runtime to collect garbage sooner (never slows or drops records); 0/off = off, and freed memory is kept for reuse (less CPU, RSS stays at its peak)",
        default: formatSize(DEFAULTS.memoryLimitBytes),
      },
      profile: {
        arg: "SPEC",
        text: "rate over time: constant:N, ramp:A-B/2m, step:A,B,C/30s, sine:A-B/60s, spike:BASE-PEAK/60s/5s (overrides --rate)",
        default: "the scenario's profile:, else none",
      },
    },
  ],
  [
    "Ground truth (what `surge verify` and detectors are scored against)",
    {
      anomaliesTopic: {
        arg: "TOPIC",
        text: "topic for run start/end and every injected anomaly (not prefixed)",
        default: "surge.anomalies",
      },
      groundTruth: { text: "--no-ground-truth: write nothing there (records still carry surge-run/surge-seq headers)" },
    },
  ],
  [
    "Kafka",
    {
      brokers: {
        arg: "HOST:PORT,...",
        text: "bootstrap brokers; port 9092 when omitted",
        default: DEFAULTS.brokers.join(","),
      },
      partitions: { arg: "N", text: "partitions of topics surge creates", default: String(DEFAULTS.partitions) },
      replicationFactor: {
        arg: "N",
        text: "replication factor of topics surge creates (min.insync.replicas 2 from 3)",
        default: "min(3, brokers)",
      },
      topicPrefix: { arg: "PREFIX", text: "prepended to every topic name, e.g. loadtest.", default: "none" },
      clientId: { arg: "ID", text: "Kafka client id", default: P.clientId },
      connectTimeout: {
        arg: "DURATION",
        text: "give up on the first connection after this long (backoff between tries)",
        default: formatDuration(DEFAULTS.connectTimeoutMs),
      },
    },
  ],
  [
    "Producer (overrides the scenario's producer: block)",
    {
      acks: { arg: "0|1|all", text: "acknowledgements each batch waits for", default: String(P.acks) },
      compression: { arg: "CODEC", text: listWords(COMPRESSIONS), default: P.compression },
      batchSize: {
        arg: "BYTES",
        text: "bytes per topic batch before it is sent: 65536, 64k, 1m",
        default: formatSize(P.batchSize),
      },
      lingerMs: {
        arg: "MS",
        text: "how long a partly filled batch waits for more records",
        default: String(P.lingerMs),
      },
      maxInFlight: {
        arg: "N",
        text: "batches of --batch-size outstanding per broker (one request in flight per partition)",
        default: String(P.maxInFlight),
      },
      retries: {
        arg: "N",
        text: "cap on tries of one batch (retries are otherwise bounded by --delivery-timeout)",
        default: "no cap",
      },
      deliveryTimeout: {
        arg: "DURATION",
        text: "a record not acked this long after it was handed over fails (retries included)",
        default: formatDuration(P.deliveryTimeoutMs),
      },
      requestTimeout: {
        arg: "DURATION",
        text: "a produce request unanswered this long is retried (elsewhere if the leader moved)",
        default: formatDuration(P.requestTimeoutMs),
      },
      idempotent: {
        text: "producer id and sequence numbers: no duplicates or reordering from retries; implies --acks all",
      },
      partitioner: { arg: "NAME", text: listWords(PARTITIONERS), default: P.partitioner },
    },
  ],
  [
    "Security",
    {
      ssl: { text: "connect with TLS" },
      sslCa: { arg: "FILE", text: "extra trusted CA certificate (PEM); implies --ssl" },
      sslInsecure: { text: "do not verify broker certificates; implies --ssl" },
      sslCert: { arg: "FILE", text: "client certificate (PEM) for mutual TLS, with --ssl-key; implies --ssl" },
      sslKey: { arg: "FILE", text: "private key (PEM, unencrypted) of --ssl-cert" },
      saslMechanism: { arg: "NAME", text: listWords(SASL_MECHANISMS) },
      saslUsername: { arg: "USER", text: "SASL user name" },
      saslPassword: { arg: "PASSWORD", text: "SASL password; prefer the environment variable (not shown in ps)" },
      saslOauthTokenFile: {
        arg: "FILE",
        text: "oauthbearer: file holding the token (JWT); read again when the token is near expiry",
      },
      saslOauthTokenCommand: {
        arg: "CMD",
        text: "oauthbearer: shell command that prints a token; run again when it is near expiry",
      },
    },
  ],
  [
    "Formats and Schema Registry (see docs/formats.md)",
    {
      format: {
        arg: "FORMAT",
        text: "json, avro, protobuf or json-schema for every topic (a topic's format: in the scenario otherwise)",
        default: "json",
      },
      schemaRegistry: {
        arg: "URL",
        text: "Confluent-compatible registry (Confluent wire format); user/password from SURGE_SCHEMA_REGISTRY_USER/_PASSWORD, token from SURGE_SCHEMA_REGISTRY_TOKEN; TLS CA: --ssl-ca",
        default: "none: plain binary, the schema printed once",
      },
      subjectStrategy: {
        arg: "NAME",
        text: "topic (<topic>-value), record (<record name>) or topic-record (<topic>-<record name>)",
        default: "topic",
      },
      useLatest: { text: "use the subject's latest schema instead of registering one" },
      schemaId: { arg: "N", text: "use this schema id instead of registering one" },
    },
  ],
  [
    "Output",
    {
      noTui: { text: "plain lines instead of the dashboard (automatic without a terminal)" },
      interval: {
        arg: "DURATION",
        text: "how often plain-mode lines are printed",
        default: formatDuration(DEFAULTS.intervalMs),
      },
      summaryJson: { arg: "FILE", text: "write the final summary as JSON" },
      dryRun: {
        text: "no broker: an in-process sink acks every batch at once (try surge anywhere, measure the generator)",
      },
    },
  ],
  [
    "Metrics and latency logs (see docs/metrics.md)",
    {
      metrics: {
        arg: "HOST:PORT",
        text: "serve Prometheus /metrics, /healthz and /readyz; :9464 = 127.0.0.1:9464",
        default: "off",
      },
      metricsGrace: {
        arg: "DURATION",
        text: "keep /metrics up this long after the run, so the last scrape sees the final counts",
        default: "0s",
      },
      hdrLog: {
        arg: "FILE",
        text: "write an HdrHistogram interval log (<topic>.latency, <topic>.lateness every --interval)",
      },
    },
  ],
  [
    "End-to-end latency (see docs/e2e.md)",
    {
      e2e: { text: "read back the topics surge writes: send→readable and intended→readable per topic" },
      e2eSample: {
        arg: "SHARE",
        text: "stamp and measure this share of records (1% = every 100th); below 100% only the tail is read back",
        default: "100% (10% at --rate max)",
      },
      follow: {
        arg: "OUT[=IN]",
        text: "read your pipeline's output topic OUT (fed by surge topic IN) and match records; repeatable",
      },
      match: {
        arg: "$.PATH",
        text: "--follow: find records by this generated field when the pipeline drops surge's headers",
      },
      followGrace: {
        arg: "DURATION",
        text: "--follow: a record not out this long after it went in is never out",
        default: "10s",
      },
      followBrokers: {
        arg: "HOST:PORT,...",
        text: "--follow: the OUT topics are on this cluster (e.g. MirrorMaker 2's target); same TLS/SASL flags",
        default: "--brokers",
      },
    },
  ],
  [
    "surge verify (also takes the Kafka connection and security flags, and --anomalies-topic)",
    {
      run: {
        arg: "ID",
        text: "the run to read back (surge prints its id when it starts)",
        default: "the latest run in --anomalies-topic",
      },
      json: { text: "print the account as one JSON object" },
      timeout: {
        arg: "DURATION",
        text: "give up after this long (broker errors that pass, e.g. a leader moving, are retried until then)",
        default: formatDuration(DEFAULT_VERIFY_TIMEOUT_MS),
      },
      allowIncomplete: {
        text: "judge a run that wrote no run-end (died, still going) on what is there; otherwise it is INCOMPLETE, exit 1",
      },
      requireAll: {
        text: "fail (exit 1) when records aged out (retention deleted them before verify read them); see docs/verify.md",
      },
      since: {
        arg: "TIME",
        text: "verify only records acked from then on: an ISO time (2026-12-06T20:00:00Z) or a duration after the run started (10m)",
      },
      until: { arg: "TIME", text: "... and up to then (same forms)" },
    },
  ],
  [
    "surge sample, surge init (your own fleet: see README)",
    {
      topic: { arg: "ROLE|NAME", text: "surge sample: only this topic's records (-n N: how many, default 5)" },
      fromSample: {
        arg: "FILE",
        text: "surge init: a sample payload of your device (JSON, or one object per line); more files may follow",
      },
      fromJsonSchema: { arg: "FILE", text: "surge init: a JSON Schema of your payload instead" },
      fromSchema: {
        arg: "FILE",
        text: "surge init: the schema your pipeline has: .avsc, .proto (its first message) or a JSON Schema",
      },
      raw: { text: "surge sample: the record bytes (hex) as sent, instead of the decoded value" },
      out: { arg: "FILE", text: "surge init: write the scenario there (never overwrites)", default: "stdout" },
      fromTrace: { arg: "FILE", text: "surge init: fit a fleet to a recorded CSV trace (docs/traces.md)" },
      time: {
        arg: "COLUMN",
        text: "surge init --from-trace, surge compare: the trace's time column",
        default: "the first column of times",
      },
      group: {
        arg: "COLUMN",
        text: "surge init --from-trace, surge compare: one device per value of this column",
        default: "an id-like column (mote_id, device, ...), else one device",
      },
      cadence: {
        arg: "DURATION",
        text: "surge init --from-trace: the step between rows of a trace without a time column",
        default: "1s",
      },
      labels: {
        arg: "column|anomalies",
        text: "surge init --from-trace: anomalies = the label column's episodes become spikes at the trace's rate, the label reads them, ground truth on surge.anomalies",
        default: "column (fitted like the others)",
      },
    },
  ],
  [
    "Other",
    {
      help: { text: "show this help" },
      version: { text: "show the version" },
    },
  ],
];
