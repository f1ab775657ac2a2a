/** Subcommands: the first positional argument picks one, `run` when there is none. */
import type { FlagKey } from "../config/raw-flags.ts";

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  /** Positional arguments after the command name it accepts. */
  maxArgs: number;
  /** The only flags it takes besides --help/--version (all when absent). */
  flags?: readonly FlagKey[];
  /** Flags of other commands it refuses rather than silently ignores. */
  refuses?: readonly FlagKey[];
}

export const DEFAULT_COMMAND = "run";

/** What any command that talks to Kafka takes: where the brokers are and how to log in. */
const CONNECTION_FLAGS: readonly FlagKey[] = [
  "brokers",
  "clientId",
  "connectTimeout",
  "ssl",
  "sslCa",
  "sslInsecure",
  "sslCert",
  "sslKey",
  "saslMechanism",
  "saslUsername",
  "saslPassword",
  "saslOauthTokenFile",
  "saslOauthTokenCommand",
];

/** Meaningful to verify alone. */
const VERIFY_ONLY: readonly FlagKey[] = ["run", "json", "timeout", "allowIncomplete", "requireAll", "since", "until"];

/** Meaningful to the authoring commands alone (sample, init). */
const AUTHORING_ONLY: readonly FlagKey[] = [
  "topic",
  "fromSample",
  "fromJsonSchema",
  "fromSchema",
  "out",
  "raw",
  "fromTrace",
  "time",
  "group",
  "cadence",
  "labels",
];

/** parseCli and the help text follow this table. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "run",
    usage: "surge [run] [flags]",
    summary: "produce the scenario's events until --duration, --count or Ctrl-C",
    maxArgs: 0,
    refuses: [...VERIFY_ONLY, ...AUTHORING_ONLY],
  },
  { name: "scenarios", usage: "surge scenarios", summary: "list the built-in scenarios", maxArgs: 0 },
  {
    name: "verify",
    usage: "surge verify [--run ID] [flags]",
    summary:
      "read a run back from Kafka: missing, duplicated, out-of-order; injected, aged out by retention or unexplained",
    maxArgs: 0,
    flags: [...CONNECTION_FLAGS, "anomaliesTopic", ...VERIFY_ONLY, "follow", "followBrokers"],
  },
  {
    name: "watch",
    usage: "surge watch NAME [--no-tui] [flags]",
    summary:
      "the whole fleet NAME (instances run with --fleet NAME) live: the dashboard with merged rates and percentiles and a row per instance, its keys steering the fleet (lines with --no-tui or off a terminal)",
    maxArgs: 1,
    flags: [...CONNECTION_FLAGS, "noTui", "fleetToken"],
  },
  {
    name: "report",
    usage: "surge report NAME [--json] [flags]",
    summary: "the fleet NAME's final summaries merged into one (histograms added), with a section per instance",
    maxArgs: 1,
    flags: [...CONNECTION_FLAGS, "json"],
  },
  {
    name: "sample",
    usage: "surge sample [--scenario X] [-n 5] [--topic T] [--seed N] [--json]",
    summary:
      "print a few events of a scenario (topic, key, headers, JSON value); --json: one JSON line each; no broker needed",
    maxArgs: 0,
    flags: [
      "scenario",
      "devices",
      "count",
      "seed",
      "timeScale",
      "topic",
      "json",
      "raw",
      "format",
      "schemaRegistry",
      "subjectStrategy",
      "schemaId",
      "useLatest",
      "sslCa",
      "sslInsecure",
    ],
  },
  {
    name: "init",
    usage:
      "surge init --from-sample event.json [more.json ...] | --from-json-schema schema.json | --from-trace trace.csv [--time COL] [--group COL] [--labels anomalies] [--out fleet.yaml]",
    summary:
      "write a scenario (a declared fleet) inferred from sample payloads or a JSON Schema, or fitted to a recorded CSV trace",
    maxArgs: 100,
    flags: [
      "fromSample",
      "fromJsonSchema",
      "fromSchema",
      "out",
      "fromTrace",
      "time",
      "group",
      "cadence",
      "labels",
      "seed",
    ],
  },
  {
    name: "compare",
    usage: "surge compare TRACE.csv SAMPLE.jsonl [--time COL] [--group COL] [--json]",
    summary:
      "a trace and a sample of its fitted fleet side by side: distributions, autocorrelation, cycles, correlations, text shares and run lengths; pass/fail per line",
    maxArgs: 2,
    flags: ["time", "group", "json"],
  },
  {
    name: "scenario",
    usage: "surge scenario check FILE",
    summary: "check a scenario file: every problem at once with its line, or a short summary",
    maxArgs: 2,
    flags: [],
  },
];

const ALWAYS: readonly FlagKey[] = ["help", "version"];

/** One line per given flag the command does not take (rather than ignoring it silently). */
export function flagProblems(spec: CommandSpec, given: readonly FlagKey[], nameOf: (key: FlagKey) => string): string[] {
  const foreign = given.filter(
    (key) => !ALWAYS.includes(key) && (spec.flags ? !spec.flags.includes(key) : spec.refuses?.includes(key)),
  );
  return foreign.map((key) => `--${nameOf(key)} is not a flag of surge ${spec.name} (see surge --help)`);
}
