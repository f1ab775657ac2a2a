/**
 * The real local Kafka broker for integration tests (scripts/kafka/up.sh).
 * The broker outlives the test process and is shared by all test files (up.sh reuses a running
 * one); `npm run kafka:down` stops it.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, found from this file. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The broker's state dir (data, logs), as scripts/kafka/lib.sh computes it. */
export const brokerStateDir = process.env["SURGE_KAFKA_STATE"] || join(process.env["TMPDIR"] || "/tmp", "surge-kafka");

let broker: Promise<string> | undefined;
let classpath: Promise<string> | undefined;

/** Starts the broker (or reuses a running one) once per process; resolves to "127.0.0.1:PORT". */
export function ensureBroker(): Promise<string> {
  broker ??= lastLineOf("scripts/kafka/up.sh");
  return broker;
}

/** The SASL_PLAINTEXT listener of the local broker and its throwaway test user (scripts/kafka/sasl.sh). */
export interface SaslBroker {
  /** "127.0.0.1:PORT" of the SASL_PLAINTEXT listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512). */
  brokers: string;
  username: string;
  password: string;
}

let saslBroker: Promise<SaslBroker> | undefined;

/**
 * Starts the broker (or reuses a running one) once per process and resolves to its SASL listener.
 * The password is read from the state dir, never from a script's stdout.
 */
export function ensureSaslBroker(): Promise<SaslBroker> {
  saslBroker ??= outputOf("scripts/kafka/sasl.sh").then(async (stdout) => {
    const [brokers = "", username = ""] = stdout
      .trim()
      .split("\n")
      .slice(-2)
      .map((l) => l.trim());
    if (!/^127\.0\.0\.1:\d+$/.test(brokers) || username === "")
      throw new Error(`unexpected output of scripts/kafka/sasl.sh:\n${stdout}`);
    const password = (await readFile(join(brokerStateDir, "sasl-test-password"), "utf8")).trim();
    if (password === "") throw new Error(`no SASL test password in ${brokerStateDir}`);
    return { brokers, username, password };
  });
  return saslBroker;
}

/** What `npm run -s kafka:listeners` prints: listener name or credential -> its value. */
export type Listeners = Record<
  | "PLAINTEXT"
  | "SASL_PLAINTEXT"
  | "SSL"
  | "SASL_SSL"
  | "MTLS"
  | "OAUTHBEARER"
  | "CA_FILE"
  | "CLIENT_CERT_FILE"
  | "CLIENT_KEY_FILE"
  | "SASL_USERNAME"
  | "SASL_PASSWORD"
  | "OAUTH_TOKEN_FILE",
  string
>;

let listeners: Promise<Listeners> | undefined;

/** Starts the broker (or reuses it) once per process and resolves to every listener it has. */
export function ensureListeners(): Promise<Listeners> {
  listeners ??= ensureBroker()
    .then(() => outputOf("scripts/kafka/listeners.sh"))
    .then(parseListeners);
  return listeners;
}

export function parseListeners(stdout: string): Listeners {
  const entries = stdout
    .trim()
    .split("\n")
    .map((line) => {
      const space = line.indexOf(" ");
      return [line.slice(0, space), line.slice(space + 1).trim()] as const;
    });
  const out = Object.fromEntries(entries) as Listeners;
  for (const name of ["SSL", "MTLS", "SASL_SSL", "OAUTHBEARER", "CA_FILE", "OAUTH_TOKEN_FILE"] as const) {
    if (!out[name]) throw new Error(`scripts/kafka/listeners.sh printed no ${name}:\n${stdout}`);
  }
  return out;
}

/** The Java classpath of the Kafka jars, for Kafka's own tools (ConsoleConsumer, TopicCommand...). */
export function kafkaClasspath(): Promise<string> {
  classpath ??= lastLineOf("scripts/kafka/classpath.sh");
  return classpath;
}

function lastLineOf(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", [script], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const last = stdout.trim().split("\n").at(-1)?.trim() ?? "";
      if (error || last === "") {
        const why = error ? error.message : "no output";
        reject(new Error(`bash ${script} failed (${why}):\n${stderr.trim().split("\n").slice(-40).join("\n")}`));
        return;
      }
      resolve(last);
    });
  });
}

/** The whole stdout of a script (rejects when it fails or prints nothing). */
function outputOf(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", [script], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error || stdout.trim() === "") {
        const why = error ? error.message : "no output";
        reject(new Error(`bash ${script} failed (${why}):\n${stderr.trim().split("\n").slice(-40).join("\n")}`));
        return;
      }
      resolve(stdout);
    });
  });
}

/** Brokers of a test's own (own state dir): for tests that kill, freeze or restart them. */
export interface OwnBroker {
  state: string;
  env: NodeJS.ProcessEnv;
  /** Runs scripts/kafka/NAME.sh with this state dir; resolves to its last stdout line. */
  script(name: string, ...args: string[]): Promise<string>;
}

export function ownBroker(name: string): OwnBroker {
  const state = join(process.env["TMPDIR"] || "/tmp", `surge-kafka-${name}-${process.pid}`);
  const env = { ...process.env, SURGE_KAFKA_STATE: state };
  const script = (script: string, ...args: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile("bash", [`scripts/kafka/${script}.sh`, ...args], { cwd: repoRoot, env }, (error, stdout, stderr) =>
        error
          ? reject(new Error(`${script}.sh ${args.join(" ")}: ${stderr}`))
          : resolve(stdout.trim().split("\n").at(-1) ?? ""),
      );
    });
  return { state, env, script };
}
