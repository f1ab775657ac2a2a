/**
 * The numbers in BENCHMARKS.md: surge industrial at --rate max next to kafka-producer-perf-test
 * with the same record count, average record size and acks=1, plus memory at 100k devices and
 * rate holding at 5,000 msg/s. Everything against the local broker from scripts/kafka/up.sh.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const root = new URL("..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "surge-bench-"));
const stamp = Date.now().toString(36);

function bootstrap(): string {
  const out = execFileSync("bash", ["scripts/kafka/up.sh"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return out.trim().split("\n").at(-1) ?? "";
}

interface SurgeRun {
  summary: {
    elapsedSeconds: number;
    behind?: number;
    totals: { generated: number; acked: number; failed: number; unsent: number; bytes: number };
    topics: Record<string, { acked: number; bytes: number; latencyMs: { p50: number; p99: number; max: number } }>;
  };
  maxRssMb: number;
  cpuSeconds: number;
}

/** Runs dist/surge under /usr/bin/time to read its peak RSS and CPU time. */
function runSurge(name: string, args: string[]): SurgeRun {
  const summaryPath = join(work, `${name}.json`);
  const result = spawnSync("/usr/bin/time", ["-f", "%M %U %S", join(root, "dist/surge"), ...args, "--no-tui", "--summary-json", summaryPath, "--interval", "5s"], {
    cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.status !== 0) throw new Error(`surge ${name} failed (${result.status}): ${result.stderr}`);
  const timeLine = result.stderr.trim().split("\n").at(-1) ?? "";
  const [rssKb, user, sys] = timeLine.split(" ").map(Number);
  return {
    summary: JSON.parse(readFileSync(summaryPath, "utf8")) as SurgeRun["summary"],
    maxRssMb: (rssKb ?? 0) / 1024,
    cpuSeconds: (user ?? 0) + (sys ?? 0),
  };
}

interface PerfResult { recordsPerSec: number; avgMs: number; p50: number; p99: number; max: number; line: string }

function runPerf(brokers: string, records: number, recordSize: number): PerfResult {
  const args = [
    "--topic", `bench-perf-${stamp}`, "--num-records", String(records), "--record-size", String(recordSize),
    "--throughput", "-1", "--producer-props", `bootstrap.servers=${brokers}`, "acks=1",
  ];
  const out = execFileSync("bash", ["scripts/kafka/perf.sh", ...args], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const line = out.trim().split("\n").filter((l) => l.includes("records sent")).at(-1) ?? "";
  const num = (re: RegExp): number => Number(re.exec(line)?.[1] ?? NaN);
  return {
    line,
    recordsPerSec: num(/([\d.]+) records\/sec/),
    avgMs: num(/([\d.]+) ms avg latency/),
    p50: num(/([\d.]+) ms 50th/),
    p99: num(/([\d.]+) ms 99th/),
    max: num(/([\d.]+) ms max latency/),
  };
}

const fmt = (n: number, d = 0): string => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

const brokers = bootstrap();
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${fmt(totalmem() / 2 ** 30, 1)} GiB; broker ${brokers}`);

// 1. Throughput: industrial, 10,000 devices, as fast as the producer goes.
const max = runSurge("max", [
  "--scenario", "industrial", "--devices", "10000", "--rate", "max", "--duration", `${seconds}s`,
  "--acks", "1", "--brokers", brokers, "--topic-prefix", `bench-${stamp}-`, "--seed", "42",
]);
const totals = max.summary.totals;
const data = Object.entries(max.summary.topics).find(([topic]) => topic.endsWith("device-data"))?.[1];
const surgeRate = totals.acked / max.summary.elapsedSeconds;
const surgeMb = totals.bytes / 1e6 / max.summary.elapsedSeconds;
const avgSize = Math.round(totals.bytes / Math.max(totals.acked, 1));
console.log(`surge industrial --rate max: ${fmt(totals.acked)} acked in ${max.summary.elapsedSeconds}s, avg record ${avgSize} B, failed ${totals.failed}, unsent ${totals.unsent}`);

// 2. The peer: same record count, same average record size, acks=1.
const perf = runPerf(brokers, totals.acked, avgSize);
console.log(`kafka-producer-perf-test: ${perf.line}`);

// 3. Memory at 100,000 devices (a moderate rate; what matters is the fleet's state).
const big = runSurge("rss", [
  "--scenario", "industrial", "--devices", "100000", "--rate", "20000", "--duration", "20s",
  "--brokers", brokers, "--topic-prefix", `bench-${stamp}-`,
]);

// 4. Rate holding at 5,000 msg/s.
const steady = runSurge("steady", [
  "--scenario", "industrial", "--devices", "10000", "--rate", "5000", "--duration", `${seconds}s`,
  "--brokers", brokers, "--topic-prefix", `bench-${stamp}-`,
]);
const steadyData = Object.entries(steady.summary.topics).find(([topic]) => topic.endsWith("device-data"))?.[1];
const steadyRate = (steadyData?.acked ?? 0) / steady.summary.elapsedSeconds;
const steadyError = (steadyRate / 5000 - 1) * 100;

console.log("");
console.log("| measure | surge | kafka-producer-perf-test | surge / perf-test |");
console.log("|---|---|---|---|");
console.log(`| records/s (acks=1, ${avgSize} B avg) | ${fmt(surgeRate)} | ${fmt(perf.recordsPerSec)} | ${fmt(surgeRate / perf.recordsPerSec, 2)} |`);
// perf-test prints MiB/s of values; both columns here are 10^6 bytes/s of record payload.
const perfMb = (perf.recordsPerSec * avgSize) / 1e6;
console.log(`| MB/s (10^6 B) | ${fmt(surgeMb, 2)} | ${fmt(perfMb, 2)} | ${fmt(surgeMb / perfMb, 2)} |`);
console.log(`| p99 latency ms | ${fmt(data?.latencyMs.p99 ?? NaN, 1)} | ${fmt(perf.p99, 1)} | |`);
console.log(`| p50 latency ms | ${fmt(data?.latencyMs.p50 ?? NaN, 1)} | ${fmt(perf.p50, 1)} | |`);
console.log(`| CPU seconds (user+sys) | ${fmt(max.cpuSeconds, 1)} | | |`);
console.log(`| 100k devices at 20,000/s: peak RSS MB | ${fmt(big.maxRssMb)} | | |`);
console.log(`| --rate 5000 for ${seconds}s: device-data acked/s | ${fmt(steadyRate, 1)} (behind ${fmt(steady.summary.behind ?? 0)}) | | |`);
console.log(`| peak RSS MB (10k devices, max rate) | ${fmt(max.maxRssMb)} | | |`);
console.log("");
console.log(`targets: ≥100,000 msg/s: ${fmt(surgeRate)} ${surgeRate >= 100_000 ? "MET" : "NOT MET"}; ` +
  `RSS <300 MB at 100k devices: ${fmt(big.maxRssMb)} MB ${big.maxRssMb < 300 ? "MET" : "NOT MET"}; ` +
  `rate ±2% at 5,000/s: ${fmt(steadyRate, 1)}/s (${steadyError >= 0 ? "+" : ""}${fmt(steadyError, 2)}%) ${Math.abs(steadyError) <= 2 ? "MET" : "NOT MET"}`);
