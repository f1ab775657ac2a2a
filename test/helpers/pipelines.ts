/**
 * Real pipelines for --follow tests (scripts/pipelines): Apache Kafka's own PipeDemo (Kafka
 * Streams) and a MirrorMaker 2 source connector with a Filter transform, as child processes the
 * test can freeze (SIGSTOP) and stops at the end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import kafkajs from "kafkajs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { brokerStateDir, repoRoot } from "./broker.ts";

export interface Pipeline {
  /** The JVM's pid: SIGSTOP freezes the pipeline. */
  pid: number;
  log(): string;
  stop(): Promise<void>;
}

async function start(
  script: string,
  args: string[],
  pidFile: string,
  ready: RegExp,
  timeoutMs = 120_000,
): Promise<Pipeline> {
  const child: ChildProcess = spawn("bash", [join(repoRoot, script), ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const started = Date.now();
  while (!ready.test(log)) {
    if (child.exitCode !== null) throw new Error(`${script} ended (exit ${child.exitCode}):\n${log}`);
    if (Date.now() - started > timeoutMs) {
      child.kill("SIGTERM");
      throw new Error(`${script} not ready after ${timeoutMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = Number((await readFile(join(brokerStateDir, pidFile), "utf8")).trim());
  return {
    pid,
    log: () => log,
    stop: async () => {
      try {
        process.kill(pid, "SIGCONT");
      } catch {
        // already gone
      }
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    },
  };
}

/** PipeDemo: streams-plaintext-input → streams-pipe-output, headers kept. */
export function startStreamsPipe(brokers: string): Promise<Pipeline> {
  return start("scripts/pipelines/streams-pipe.sh", [brokers], "streams-pipe.pid", /PipeDemo running/);
}

/** MirrorSourceConnector: `input` → `src.<input>` on the same cluster, records with `header` dropped. */
export function startMirrorFilter(brokers: string, input: string, header = "surge-anomaly"): Promise<Pipeline> {
  return start(
    "scripts/pipelines/mirror-filter.sh",
    [brokers, input, header],
    "mirror-filter.pid",
    /MirrorSourceConnector running/,
  );
}

/** MirrorMaker 2 (dedicated): `input` on cluster `source` → `A.<input>` on cluster `target`. */
export function startMirrorMaker(source: string, target: string, input: string): Promise<Pipeline> {
  return start(
    "scripts/pipelines/mirror-maker.sh",
    [source, target, input],
    "mirror-maker.pid",
    /MirrorMaker 2 running/,
  );
}

/**
 * Waits until a record written to `input` comes out of `output` (on `outBrokers` when the
 * pipeline writes to another cluster): a pipeline JVM on a loaded machine can take a minute to
 * join its group and start moving records. The output topic may not exist yet (MirrorMaker 2
 * creates it).
 */
export async function waitForFlow(
  brokers: string,
  input: string,
  output: string,
  timeoutMs = 180_000,
  outBrokers = brokers,
): Promise<void> {
  const kafka = new kafkajs.Kafka({ brokers: [brokers], logLevel: kafkajs.logLevel.NOTHING });
  const outKafka = new kafkajs.Kafka({ brokers: [outBrokers], logLevel: kafkajs.logLevel.NOTHING });
  const admin = outKafka.admin();
  await admin.connect();
  // Not asked for before it exists: a metadata request could create it with the broker's defaults.
  const highs = async (): Promise<number> =>
    (await admin.listTopics()).includes(output)
      ? (await admin.fetchTopicOffsets(output)).reduce((sum, o) => sum + Number(o.high), 0)
      : 0;
  const before = await highs();
  const producer = kafka.producer();
  await producer.connect();
  const started = Date.now();
  try {
    while (Date.now() - started < timeoutMs) {
      await producer.send({ topic: input, messages: [{ key: "warm-up", value: "warm-up" }] });
      await new Promise((r) => setTimeout(r, 2000));
      if ((await highs()) > before) return;
    }
    throw new Error(`nothing came out of ${output} within ${timeoutMs / 1000} s`);
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}
