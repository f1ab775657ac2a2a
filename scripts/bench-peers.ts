/**
 * The producers npm run bench compares, each run under /usr/bin/time for its peak RSS and CPU:
 * dist/surge, Kafka's ProducerPerformance (what kafka-producer-perf-test.sh runs) and kcat
 * (librdkafka), the same record count and record size, acks=1, defaults or tuned for throughput.
 */
import { execFileSync, spawnSync } from "node:child_process";
import kafkajs from "kafkajs";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PeerResult {
  peer: string;
  settings: string;
  records: number;
  recordBytes: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  /** Latency the tool reports itself (surge: device-data p99 send→ack; perf-test: its p99), ms. */
  p99Ms?: number;
  /** CPU seconds the local broker spent while the producer ran (it shares the cores). */
  brokerCpuSeconds?: number;
}

/** The local broker's user + system CPU seconds so far (scripts/kafka/up.sh's pid file), if it runs here. */
function brokerCpu(): number | undefined {
  const state = process.env.SURGE_KAFKA_STATE ?? join(process.env.TMPDIR ?? tmpdir(), "surge-kafka");
  try {
    const pid = readFileSync(join(state, "pid"), "utf8").trim();
    if (!existsSync(`/proc/${pid}/stat`)) return undefined;
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** `run` with the broker's CPU over it added to the result. */
export function withBrokerCpu(run: () => PeerResult): PeerResult {
  const before = brokerCpu();
  const result = run();
  const after = brokerCpu();
  return before === undefined || after === undefined ? result : { ...result, brokerCpuSeconds: after - before };
}

export const perRecord = (
  r: PeerResult,
): { recordsPerSec: number; mbPerSec: number; cpuUsPerRecord: number; brokerUsPerRecord: number } => ({
  recordsPerSec: r.records / r.seconds,
  mbPerSec: (r.records * r.recordBytes) / 1e6 / r.seconds,
  cpuUsPerRecord: (r.cpuSeconds * 1e6) / r.records,
  brokerUsPerRecord: ((r.brokerCpuSeconds ?? NaN) * 1e6) / r.records,
});

/** `%M %U %S %e` of /usr/bin/time, from the last line of stderr. */
function timed(stderr: string): { rssMb: number; cpu: number; wall: number } {
  const [rssKb = 0, user = 0, sys = 0, wall = 0] = (stderr.trim().split("\n").at(-1) ?? "").split(" ").map(Number);
  return { rssMb: rssKb / 1024, cpu: user + sys, wall };
}

interface SurgeSummary {
  elapsedSeconds: number;
  totals: { acked: number; failed: number; unsent: number; bytes: number };
  topics: Record<string, { latencyMs: { p99: number } }>;
}

/** surge industrial at --rate max for `count` events; the record size comes out of the run. */
export function surge(
  root: string,
  work: string,
  brokers: string,
  name: string,
  count: number,
  extra: string[],
  settings: string,
): PeerResult & { summary: SurgeSummary } {
  const summaryPath = join(work, `${name}.json`);
  // `extra` may set --devices or --rate itself (surge refuses a flag given twice).
  const own = (flag: string, value: string): string[] => (extra.includes(flag) ? [] : [flag, value]);
  const args = [
    "--scenario",
    "industrial",
    ...own("--devices", "10000"),
    ...own("--rate", "max"),
    "--count",
    String(count),
    "--acks",
    "1",
    "--brokers",
    brokers,
    "--topic-prefix",
    `${name}-`,
    "--seed",
    "42",
    "--no-tui",
    "--summary-json",
    summaryPath,
    "--interval",
    "5s",
    ...extra,
  ];
  const result = spawnSync("/usr/bin/time", ["-f", "%M %U %S %e", join(root, "dist/surge"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`surge ${name} failed (${result.status}): ${result.stderr}`);
  const t = timed(result.stderr);
  const summary = JSON.parse(readFileSync(summaryPath, "utf8")) as SurgeSummary;
  const acked = summary.totals.acked;
  const data = Object.entries(summary.topics).find(([topic]) => topic.endsWith("device-data"))?.[1];
  return {
    peer: "surge",
    settings,
    records: acked,
    recordBytes: Math.round(summary.totals.bytes / Math.max(1, acked)),
    seconds: summary.elapsedSeconds,
    cpuSeconds: t.cpu,
    maxRssMb: t.rssMb,
    summary,
    ...(data ? { p99Ms: data.latencyMs.p99 } : {}),
  };
}

/** Kafka's Java producer benchmark, `props` on top of acks=1. */
export function perfTest(
  root: string,
  brokers: string,
  topic: string,
  records: number,
  recordBytes: number,
  props: string[],
  settings: string,
): PeerResult {
  const args = [
    "-f",
    "%M %U %S %e",
    "bash",
    "scripts/kafka/perf.sh",
    "--topic",
    topic,
    "--num-records",
    String(records),
    "--record-size",
    String(recordBytes),
    "--throughput",
    "-1",
    "--producer-props",
    `bootstrap.servers=${brokers}`,
    "acks=1",
    ...props,
  ];
  const result = spawnSync("/usr/bin/time", args, { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`perf-test failed (${result.status}): ${result.stderr}`);
  const line =
    result.stdout
      .trim()
      .split("\n")
      .filter((l) => l.includes("records sent"))
      .at(-1) ?? "";
  const rate = Number(/([\d.]+) records\/sec/.exec(line)?.[1] ?? NaN);
  const p99 = Number(/([\d.]+) ms 99th/.exec(line)?.[1] ?? NaN);
  const t = timed(result.stderr);
  // Its own rate excludes the JVM's start; seconds from it keep the comparison about sending.
  return {
    peer: "perf-test",
    settings,
    records,
    recordBytes,
    seconds: records / rate,
    cpuSeconds: t.cpu,
    maxRssMb: t.rssMb,
    p99Ms: p99,
  };
}

/**
 * kcat -P (librdkafka) reading `records` lines of `recordBytes` from a pipe (yes | head, outside
 * the measured process); it exits once every message is delivered.
 */
export function kcat(
  brokers: string,
  topic: string,
  records: number,
  recordBytes: number,
  props: string[],
  settings: string,
  headers: readonly string[] = [],
): PeerResult {
  const line = "x".repeat(Math.max(1, recordBytes));
  const x = [...props.flatMap((p) => ["-X", p]), ...headers.flatMap((h) => ["-H", h])];
  const script = `yes '${line}' | head -n ${records} | /usr/bin/time -f '%M %U %S %e' kcat -P -b ${brokers} -t ${topic} -X acks=1 ${x.join(" ")}`;
  const result = spawnSync("bash", ["-c", script], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`kcat failed (${result.status}): ${result.stderr}`);
  const t = timed(result.stderr);
  return { peer: "kcat", settings, records, recordBytes, seconds: t.wall, cpuSeconds: t.cpu, maxRssMb: t.rssMb };
}

/**
 * Headers as long as surge's ground truth on every record (a run id, a device index, a sequence
 * number): the broker reads each record's headers, so kcat with these does the broker-side work
 * surge's records cost (measured: +0.45 µs of broker CPU a record, BENCHMARKS.md "Stop 29").
 */
export const SURGE_LIKE_HEADERS = ["surge-run=20261207T213232Z-ks9r", "surge-device=4242", "surge-seq=123456"];

/**
 * Deletes the topics whose names start with `prefix`: every run writes about 1 GB, and a few
 * rounds left on the broker filled this box's disk (77 GB) until the broker died mid-run.
 */
export async function deleteTopics(brokers: string, prefix: string): Promise<number> {
  const admin = new kafkajs.Kafka({ brokers: brokers.split(","), logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    return topics.length;
  } finally {
    await admin.disconnect();
  }
}

export function hasKcat(): boolean {
  try {
    execFileSync("kcat", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
