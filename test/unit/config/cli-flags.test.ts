import { test } from "node:test";
import assert from "node:assert/strict";
import { COMMANDS } from "../../../src/cli/commands.ts";
import { parseCli } from "../../../src/cli/flags.ts";
import { helpText } from "../../../src/cli/help.ts";
import { exitCodeFor, UsageError } from "../../../src/cli/usage-error.ts";
import { FLAG_SPECS } from "../../../src/config/raw-flags.ts";

/** Every command, in the table's order, as the message lists them. */
const ALL = COMMANDS.map((c) => c.name).join(", ");

test("no arguments: run with nothing set", () => {
  assert.deepEqual(parseCli([]), { command: "run", flags: {}, positionals: [] });
});

test("subcommands are the first positional, flags may come before them", () => {
  assert.deepEqual(parseCli(["scenarios"]), { command: "scenarios", flags: {}, positionals: [] });
  assert.deepEqual(parseCli(["--no-tui", "run"]), { command: "run", flags: { noTui: true }, positionals: [] });
  assert.deepEqual(parseCli(["verfy"]), {
    errors: [`unknown command "verfy" (did you mean verify? commands: ${ALL}; see surge --help)`],
  });
  assert.deepEqual(parseCli(["run", "extra"]), {
    errors: ['unexpected argument "extra" (usage: surge [run] [flags])'],
  });
});

test("authoring commands: -n is --count, extra sample files are positionals, their flags are theirs alone", () => {
  assert.deepEqual(parseCli(["sample", "-n", "3", "--topic", "alerts"]), {
    command: "sample",
    flags: { count: "3", topic: "alerts" },
    positionals: [],
  });
  assert.deepEqual(parseCli(["init", "--from-sample", "a.json", "b.json", "--out", "f.yaml"]), {
    command: "init",
    flags: { fromSample: "a.json", out: "f.yaml" },
    positionals: ["b.json"],
  });
  assert.deepEqual(parseCli(["scenario", "check", "f.yaml"]), {
    command: "scenario",
    flags: {},
    positionals: ["check", "f.yaml"],
  });
  assert.deepEqual(parseCli(["--out", "f.yaml"]), { errors: ["--out is not a flag of surge run (see surge --help)"] });
  assert.deepEqual(parseCli(["init", "--from-sample", "a", "--from-sample", "b"]), {
    errors: ["--from-sample: given more than once"],
  });
  assert.deepEqual(parseCli(["scenario", "check", "f.yaml", "--rate", "5"]), {
    errors: ["--rate is not a flag of surge scenario (see surge --help)"],
  });
});

test("every flag, in both --name value and --name=value forms, stays text", () => {
  const result = parseCli([
    "--scenario",
    "lab",
    "--brokers=k:9092",
    "--rate",
    "max",
    "--devices",
    "10",
    "--duration",
    "5m",
    "--count",
    "100",
    "--seed",
    "7",
    "--acks",
    "all",
    "--compression",
    "gzip",
    "--batch-size",
    "64k",
    "--linger-ms",
    "5",
    "--max-in-flight",
    "2",
    "--retries",
    "1",
    "--partitions",
    "6",
    "--partitioner",
    "fnv1a",
    "--topic-prefix",
    "t.",
    "--client-id",
    "c",
    "--no-tui",
    "--interval",
    "2s",
    "--summary-json",
    "s.json",
    "--dry-run",
    "--ssl",
    "--ssl-ca",
    "ca.pem",
    "--ssl-insecure",
    "--sasl-mechanism",
    "plain",
    "--sasl-username",
    "u",
  ]);
  assert.deepEqual(result, {
    command: "run",
    positionals: [],
    flags: {
      scenario: "lab",
      brokers: "k:9092",
      rate: "max",
      devices: "10",
      duration: "5m",
      count: "100",
      seed: "7",
      acks: "all",
      compression: "gzip",
      batchSize: "64k",
      lingerMs: "5",
      maxInFlight: "2",
      retries: "1",
      partitions: "6",
      partitioner: "fnv1a",
      topicPrefix: "t.",
      clientId: "c",
      noTui: true,
      interval: "2s",
      summaryJson: "s.json",
      dryRun: true,
      ssl: true,
      sslCa: "ca.pem",
      sslInsecure: true,
      saslMechanism: "plain",
      saslUsername: "u",
    },
  });
});

test("negative numbers are values (resolve then rejects them with the flag's name)", () => {
  assert.deepEqual(parseCli(["--rate", "-5"]), { command: "run", flags: { rate: "-5" }, positionals: [] });
});

test("switches: --no-<switch> and =true/false", () => {
  assert.deepEqual(parseCli(["--no-ssl", "--dry-run=false"]), {
    command: "run",
    flags: { ssl: false, dryRun: false },
    positionals: [],
  });
  assert.deepEqual(parseCli(["--dry-run=maybe"]), { errors: ["--dry-run: takes no value (it is a switch)"] });
  assert.deepEqual(parseCli(["--no-tui=false"]), { errors: ["--no-tui: takes no value (it is a switch)"] });
});

test("--help, -h and --version are returned for the caller to act on", () => {
  assert.deepEqual(parseCli(["-h"]), { command: "run", flags: { help: true }, positionals: [] });
  assert.deepEqual(parseCli(["scenarios", "--help"]), { command: "scenarios", flags: { help: true }, positionals: [] });
  assert.deepEqual(parseCli(["--version"]), { command: "run", flags: { version: true }, positionals: [] });
});

test("unknown flags are an error line, not a meow exit", () => {
  assert.deepEqual(parseCli(["--foo"]), { errors: ["unknown flag --foo (see surge --help)"] });
  assert.deepEqual(parseCli(["--foo=1", "-x"]), {
    errors: ["unknown flag --foo (see surge --help)", "unknown flag -x (see surge --help)"],
  });
  assert.deepEqual(parseCli(["--devcies", "5"]), {
    errors: ["unknown flag --devcies (did you mean --devices? see surge --help)"],
  });
  assert.deepEqual(parseCli(["--tui"]), { errors: ["unknown flag --tui (see surge --help)"] });
  assert.deepEqual(parseCli(["--batchSize", "1"]), {
    errors: ["unknown flag --batchSize (did you mean --batch-size? see surge --help)"],
  });
});

test("a flag without its value, or given twice, is an error", () => {
  assert.deepEqual(parseCli(["--rate"]), { errors: ["--rate: needs a value"] });
  assert.deepEqual(parseCli(["--rate", "--devices", "5"]), { errors: ["--rate: needs a value"] });
  assert.deepEqual(parseCli(["--rate", "1", "--rate=2"]), { errors: ["--rate: given more than once"] });
});

test("after -- everything is positional", () => {
  assert.deepEqual(parseCli(["--", "--rate"]), {
    errors: [`unknown command "--rate" (commands: ${ALL}; see surge --help)`],
  });
});

test("help lists every flag with its env var, the defaults, examples and the keys line", () => {
  const help = helpText();
  for (const spec of FLAG_SPECS) {
    assert.ok(help.includes(`--${spec.name}`), spec.name);
    if (spec.env) assert.ok(help.includes(spec.env), spec.env);
  }
  for (const text of [
    "Usage",
    "surge scenarios",
    "Examples",
    "default: localhost:9092",
    "default: 64k",
    "default: murmur2",
    "KAFKA_BROKERS",
    "Dashboard keys: see docs/dashboard.md",
  ]) {
    assert.ok(help.includes(text), text);
  }
  assert.doesNotMatch(help, /SURGE_SASL_PASSWORD=(?!"\$\()/); // examples never show a literal password
});

test("usage errors exit 2, everything else 1", () => {
  const error = new UsageError(["a", "b"]);
  assert.equal(error.message, "a\nb");
  assert.deepEqual(error.lines, ["a", "b"]);
  assert.equal(exitCodeFor(error), 2);
  assert.equal(exitCodeFor(new Error("broker down")), 1);
});

test("a flag glued to junk is shown without the junk", () => {
  assert.deepEqual(parseCli(["--rate:5"]), {
    errors: ["unknown flag --rate... (write --rate VALUE or --rate=VALUE; see surge --help)"],
  });
});
