/** Runs one cell of the matrix: surge under load, the fault mid-run, then `surge verify`, judged. */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot, sleep, type Cluster } from "./cluster.ts";
import type { Fault, FaultTimes } from "./faults.ts";
import { judgeCell, parseTotalLine, type CellResult, type RateSample, type VerifyCounts } from "./judge.ts";
import type { Mode } from "./modes.ts";

export interface CellOptions {
  rate: number;
  durationS: number;
  /** Seconds into the run when the fault starts. */
  faultAtS: number;
  log: (line: string) => void;
}

export interface CellReport extends CellResult {
  fault: string;
  mode: string;
  totals: { generated: number; acked: number; failed: number; unsent: number } | undefined;
  /** Events that could not be generated on time (the machine or the producer was too slow). */
  behind: number | undefined;
  verify: VerifyCounts;
  times: FaultTimes;
  runExit: number | null;
}

/** SURGE_BINARY: a copy of dist/surge, so that a rebuild during a long matrix changes nothing. */
const surge = process.env["SURGE_BINARY"] || join(repoRoot, "dist/surge");

export async function runCell(cluster: Cluster, fault: Fault, mode: Mode, o: CellOptions): Promise<CellReport> {
  const id = `${fault.name}-${mode.name}`.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const prefix = `faults-${Date.now().toString(36)}-${id}.`;
  const truth = `${prefix}truth`;
  const summaryPath = join(tmpdir(), `${prefix}summary.json`);
  const samples: RateSample[] = [];
  o.log(`--- ${fault.name} × ${mode.name}: ${o.rate}/s for ${o.durationS} s, fault at ${o.faultAtS} s`);

  const child = spawn(
    surge,
    [
      "--brokers",
      cluster.bootstrap,
      "--scenario",
      "industrial",
      "--devices",
      "10000",
      "--rate",
      String(o.rate),
      "--duration",
      `${o.durationS}s`,
      "--interval",
      "1s",
      "--no-tui",
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      truth,
      "--summary-json",
      summaryPath,
      ...mode.flags,
    ],
    { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  let pending = "";
  child.stdout.on("data", (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const sample = parseTotalLine(line, Date.now());
      if (sample) samples.push(sample);
    }
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));

  await sleep(o.faultAtS * 1000);
  const times = await fault.inject(cluster, `${prefix}device-data`, o.log);
  const runExit = await exited;
  if (stderr.trim() !== "") o.log(`surge stderr (last lines):\n${stderr.trim().split("\n").slice(-3).join("\n")}`);

  const summary = await readFile(summaryPath, "utf8")
    .then((t) => JSON.parse(t) as { totals: CellReport["totals"]; behind?: number })
    .catch(() => undefined);
  const totals = summary?.totals;
  await cluster.up(); // every node back before verify and the next cell
  const verify = await verifyCounts(cluster, truth);
  const result = judgeCell({ mode, totals, verify, targetRate: o.rate, samples, times });
  o.log(
    `${result.pass ? "PASS" : "FAIL"} ${fault.name} × ${mode.name}: ${JSON.stringify({ totals, verify, recoveryS: result.recoveryS })}` +
      (result.failures.length > 0 ? ` — ${result.failures.join("; ")}` : ""),
  );
  return { ...result, fault: fault.name, mode: mode.name, totals, behind: summary?.behind, verify, times, runExit };
}

interface VerifyJson {
  topics: Record<
    string,
    {
      missing: { unexplained: number; indeterminate: number; notAcked: number };
      duplicates: { unexplained: number };
      outOfOrder: { unexplained: number };
    }
  >;
}

async function verifyCounts(cluster: Cluster, truth: string): Promise<VerifyCounts> {
  const { code, stdout, stderr } = await run(surge, [
    "verify",
    "--brokers",
    cluster.bootstrap,
    "--anomalies-topic",
    truth,
    "--json",
    "--timeout",
    "3m",
  ]);
  let parsed: VerifyJson;
  try {
    parsed = JSON.parse(stdout) as VerifyJson;
  } catch {
    return {
      gaveUp: `exit ${code}: ${stderr.trim().split("\n").at(-1) ?? ""}`,
      lost: 0,
      indeterminate: 0,
      notAcked: 0,
      duplicates: 0,
      outOfOrder: 0,
    };
  }
  const topics = Object.values(parsed.topics);
  const sum = (pick: (t: VerifyJson["topics"][string]) => number): number => topics.reduce((s, t) => s + pick(t), 0);
  return {
    lost: sum((t) => t.missing.unexplained),
    indeterminate: sum((t) => t.missing.indeterminate),
    notAcked: sum((t) => t.missing.notAcked),
    duplicates: sum((t) => t.duplicates.unexplained),
    outOfOrder: sum((t) => t.outOfOrder.unexplained),
  };
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
