/** `surge --help`: usage, commands, every flag with its default and environment variable, examples. */
import { flagSpec, KAFKA_BROKERS_ENV, type FlagKey } from "../config/raw-flags.ts";
import { COMMANDS } from "./commands.ts";
import { FLAG_GROUPS, type FlagHelp } from "./flag-help.ts";

export const HELP_TITLE = "surge - flood Apache Kafka with realistic IoT device traffic";

/** Where settings come from; printed under the flags. */
export const HELP_PRECEDENCE = [
  "Settings come from, highest first: flags, environment variables, the scenario file, defaults.",
  "Flags with an environment variable SURGE_<FLAG> show it above; switches take true/false/1/0.",
];

/** Command lines and what they do, in two columns (the help shows them as they are). */
export const HELP_EXAMPLES = [
  "  surge                                              industrial scenario, localhost:9092",
  "  surge --scenario retail --rate 5000 --duration 5m  five minutes at 5000 events/s",
  "  surge --rate max --count 1000000 --no-tui          a million events as fast as possible",
  "  surge --scenario ./my-fleet.yaml --seed 42         your own scenario, replayable",
  '  SURGE_SASL_PASSWORD="$(cat /run/secrets/kafka)" surge --brokers kafka:9093 --ssl \\',
  "      --sasl-mechanism scram-sha-512 --sasl-username loadtest",
  "  surge --dry-run --scenario lab                     check settings without a broker",
  "  surge verify --json                                read the latest run back: lost? duplicated?",
  "  surge init --from-sample my-device.json --out my-fleet.yaml   a starter fleet from your payload",
  "  surge sample --scenario my-fleet.yaml -n 3         look at its events (no broker)",
  "  surge init --from-trace readings.csv --out fitted.yaml    a fleet fitted to a recorded trace",
  "  surge compare readings.csv sample.jsonl            trace vs a sample of it, pass/fail per statistic",
  "  surge scenario check my-fleet.yaml                 every problem of a scenario file, with its line",
];

export const HELP_EXIT_CODES = [
  "Exit codes: 0 done, 1 run failed (brokers unreachable, failed deliveries), 2 bad flags or config.",
  "surge verify: 0 nothing lost or duplicated beyond what was injected, 1 unexplained loss or duplication",
  "(or brokers unreachable, unknown run), 2 bad flags.",
];

/** One flag as --help shows it; docs/flags.md is rendered from the same rows (npm run gen:docs). */
export interface FlagRow {
  /** "--brokers HOST:PORT,..." (with "-h, " for --help). */
  flag: string;
  text: string;
  default?: string;
  /** "SURGE_BROKERS, KAFKA_BROKERS" */
  env?: string;
}

/** Every flag group in --help order: its title and rows. */
export function helpTable(): { title: string; rows: FlagRow[] }[] {
  return FLAG_GROUPS.map(([title, flags]) => ({
    title,
    rows: (Object.entries(flags) as [FlagKey, FlagHelp][]).map(([key, help]) => flagRow(key, help)),
  }));
}

export function helpText(): string {
  const lines: string[] = [HELP_TITLE, "", "Usage", ...COMMANDS.map((c) => row(c.usage, c.summary, FLAG_COLUMN)), ""];
  for (const { title, rows } of helpTable()) {
    lines.push(title);
    for (const r of rows) lines.push(...flagLines(r));
    lines.push("");
  }
  lines.push(
    ...HELP_PRECEDENCE,
    "",
    "Examples",
    ...HELP_EXAMPLES,
    "",
    ...HELP_EXIT_CODES,
    "Dashboard keys: see docs/dashboard.md",
  );
  return lines.join("\n");
}

/** Flags whose meaning differs by command. */
const COMMAND_FLAG_HELP: Readonly<Record<string, Partial<Record<FlagKey, FlagHelp>>>> = {
  sample: {
    json: {
      text: "one JSON object a line: topic, key, headers, value (the value parsed); for surge compare and scripts",
    },
    count: { arg: "N", text: "records to print (-n N; up to 1,000,000)", default: "5" },
  },
  compare: { json: { text: "print the comparison as one JSON object (every line, pass/fail)" } },
  init: {
    seed: {
      arg: "N",
      text: "--from-trace: seed of the fitting simulations (the same seed writes the same file)",
      default: "1",
    },
  },
};

/** `surge COMMAND --help`: the command's usage, what it does and its flags only; undefined for the run (the full help). */
export function commandHelpText(command: string): string | undefined {
  const spec = COMMANDS.find((c) => c.name === command);
  if (!spec || spec.name === "run") return undefined;
  const lines = [`usage: ${spec.usage}`, "", spec.summary];
  const keys = spec.flags ?? [];
  if (keys.length > 0) {
    lines.push("", "Flags");
    for (const key of keys) {
      const help =
        COMMAND_FLAG_HELP[spec.name]?.[key] ?? FLAG_GROUPS.map(([, flags]) => flags[key]).find((h) => h !== undefined);
      if (help) lines.push(...flagLines(flagRow(key, help)));
    }
  }
  lines.push(...(EXAMPLES[spec.name] ?? []), "", "All flags and commands: surge --help");
  return lines.join("\n");
}

const EXAMPLES: Readonly<Record<string, string[]>> = {
  sample: [
    "",
    "Examples",
    "  surge sample --scenario lab -n 3",
    "  surge sample --scenario fleet.yaml --json -n 20000 > sample.jsonl",
  ],
  init: [
    "",
    "Examples",
    "  surge init --from-sample my-device.json --out my-fleet.yaml",
    "  surge init --from-trace readings.csv --group mote_id --out fitted.yaml",
  ],
  compare: [
    "",
    "Examples",
    "  surge compare readings.csv sample.jsonl --group mote_id",
    "",
    "Exit codes: 0 every line within tolerance, 1 some line out of it, 2 bad input.",
  ],
  verify: ["", "Examples", "  surge verify --json", "  surge verify --run 20261121T084350Z-uxbi --brokers kafka:9092"],
  scenario: ["", "Examples", "  surge scenario check my-fleet.yaml"],
};

const FLAG_COLUMN = 28;

function flagRow(key: FlagKey, help: FlagHelp): FlagRow {
  const spec = flagSpec(key);
  const short = key === "help" ? "-h, " : "";
  const env = spec.env && (key === "brokers" ? `${spec.env}, ${KAFKA_BROKERS_ENV}` : spec.env);
  return {
    flag: `${short}--${spec.name}${help.arg ? ` ${help.arg}` : ""}`,
    text: help.text,
    ...(help.default ? { default: help.default } : {}),
    ...(env ? { env } : {}),
  };
}

function flagLines(r: FlagRow): string[] {
  const extras = [r.default && `default: ${r.default}`, r.env && `env: ${r.env}`].filter(Boolean);
  const lines = [row(r.flag, r.text, FLAG_COLUMN)];
  if (extras.length > 0) lines.push(row("", extras.join("; "), FLAG_COLUMN));
  return lines;
}

function row(left: string, right: string, width: number): string {
  const pad = left.length + 2 > width ? `\n${" ".repeat(width + 2)}` : " ".repeat(width - left.length);
  return `  ${left}${pad}${right}`;
}
