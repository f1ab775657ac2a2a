/**
 * The local Apicurio Registry for integration tests (scripts/registry/up.sh, shared like the
 * broker; `npm run registry:down` stops it) and the Java reader that reads records back with
 * Apicurio's serdes (scripts/registry/Reader.java).
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { brokerStateDir, repoRoot } from "./broker.ts";

/** Next to the broker's state dir, so each engineer's SURGE_KAFKA_STATE gets its own registry. */
const env = {
  ...process.env,
  SURGE_REGISTRY_STATE: process.env["SURGE_REGISTRY_STATE"] || `${brokerStateDir}-registry`,
};

let registry: Promise<string> | undefined;
let classpath: Promise<string> | undefined;

/** Starts the registry (or reuses it) once per process; resolves to its ccompat URL. */
export function ensureRegistry(): Promise<string> {
  registry ??= lastLine("bash", [join(repoRoot, "scripts/registry/up.sh")]);
  return registry;
}

export interface JavaRead {
  partition: number;
  offset: number;
  /** The record's surge-anomaly header. */
  anomaly?: string;
  value?: Record<string, unknown>;
  rejected?: { error: string };
}

/** `count` records of `topic` read by Apicurio's deserializer for `format` (Java, Confluent mode). */
export async function javaRead(
  brokers: string,
  topic: string,
  format: string,
  ccompatUrl: string,
  count: number,
): Promise<JavaRead[]> {
  classpath ??= lastLine("bash", [join(repoRoot, "scripts/registry/serdes.sh")]);
  const cp = await classpath;
  const v2 = ccompatUrl.replace("/apis/ccompat/v7", "/apis/registry/v2");
  const out = await run("java", [
    "-Xmx160m",
    "-XX:+UseSerialGC",
    "-cp",
    cp,
    join(repoRoot, "scripts/registry/Reader.java"),
    brokers,
    topic,
    format,
    v2,
    String(count),
  ]);
  return out
    .split("\n")
    .filter((l) => l.startsWith('{"partition"'))
    .map((l) => JSON.parse(l) as JavaRead);
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { cwd: repoRoot, env, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `${cmd} failed (${error.message}):\n${stderr
                .split("\n")
                .filter((l) => !l.startsWith("INFO") && !/^\w{3} \d\d, /.test(l))
                .slice(-30)
                .join("\n")}`,
            ),
          );
        else resolve(stdout);
      },
    );
  });
}

async function lastLine(cmd: string, args: string[]): Promise<string> {
  const out = await run(cmd, args);
  const last = out.trim().split("\n").at(-1)?.trim() ?? "";
  if (last === "") throw new Error(`${args.join(" ")} printed nothing`);
  return last;
}
