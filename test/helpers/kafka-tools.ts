/** Kafka's own Java tools (from the same jars as the broker) as independent readers in tests. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { brokerStateDir, kafkaClasspath, repoRoot } from "./broker.ts";

const TIMEOUT_MS = 90_000;

export interface KeyedValue {
  key: string;
  value: string;
}

export function runTool(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024, timeout: TIMEOUT_MS },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${cmd} failed: ${error.message}\n${stderr.slice(-4000)}`)) : resolve(stdout),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Kafka's own Java consumer (the same code path as any JVM client) reading `count` records. */
export async function javaConsume(bootstrap: string, topic: string, count: number): Promise<KeyedValue[]> {
  const out = await runTool("java", [
    "-Xmx256m",
    "-Dfile.encoding=UTF-8",
    "-cp",
    await kafkaClasspath(),
    "org.apache.kafka.tools.consumer.ConsoleConsumer",
    "--bootstrap-server",
    bootstrap,
    "--topic",
    topic,
    "--from-beginning",
    "--max-messages",
    String(count),
    "--timeout-ms",
    String(TIMEOUT_MS - 10_000),
    "--property",
    "print.key=true",
    "--property",
    "key.separator=\t",
  ]);
  return out
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const tab = line.indexOf("\t");
      return { key: line.slice(0, tab), value: line.slice(tab + 1) };
    });
}

/** The compression codec of every batch the broker stored for a partition, read from its log segment. */
export async function storedCodecs(topic: string, partition = 0): Promise<string[]> {
  const segment = join(brokerStateDir, "data", `${topic}-${partition}`, "00000000000000000000.log");
  const out = await runTool("java", [
    "-Xmx256m",
    "-cp",
    await kafkaClasspath(),
    "kafka.tools.DumpLogSegments",
    "--files",
    segment,
  ]);
  return [...out.matchAll(/compresscodec: (\w+)/g)].map((m) => m[1]!);
}
