/**
 * The pass rules of the fault matrix (issue 9), pure: every record accounted for; with acks=all
 * and idempotent nothing acked missing; with idempotent no duplicates and no reordering; with
 * acks=1 whatever was lost reported by verify (a verdict, not a give-up); surge back at the target
 * rate (or at the rate it held before the fault, if the machine could not reach the target)
 * within 15 s of the new leader's election.
 */
import type { FaultTimes } from "./faults.ts";
import type { Mode } from "./modes.ts";

export const RECOVERY_LIMIT_S = 15;
/** "At the target rate": at least this share of it. */
export const RATE_SHARE = 0.9;

export interface RateSample {
  /** Wall clock when the interval line was read. */
  atMs: number;
  generated: number;
  acked: number;
}

export interface VerifyCounts {
  /** Present when verify gave up instead of judging (its one line). */
  gaveUp?: string;
  lost: number;
  indeterminate: number;
  notAcked: number;
  duplicates: number;
  outOfOrder: number;
}

export interface CellObservation {
  mode: Mode;
  totals: { generated: number; acked: number; failed: number; unsent: number } | undefined;
  verify: VerifyCounts;
  targetRate: number;
  samples: readonly RateSample[];
  times: FaultTimes;
}

export interface CellResult {
  pass: boolean;
  failures: string[];
  /** Seconds from the election (or the node's return) to the rate being back; undefined: never. */
  recoveryS: number | undefined;
  /** The rate recovery is measured against. */
  referenceRate: number;
}

export function judgeCell(o: CellObservation): CellResult {
  const failures: string[] = [];
  const t = o.totals;
  if (!t) failures.push("the run wrote no summary");
  else if (t.acked + t.failed + t.unsent !== t.generated) {
    failures.push(
      `not accounted for: generated ${t.generated} ≠ acked ${t.acked} + failed ${t.failed} + unsent ${t.unsent}`,
    );
  }
  if (o.verify.gaveUp) failures.push(`verify gave no verdict: ${o.verify.gaveUp}`);
  else {
    if (o.mode.noAckedLoss && o.verify.lost > 0) failures.push(`${o.verify.lost} acked records missing`);
    if (o.mode.exactlyOnceInOrder && o.verify.duplicates > 0) failures.push(`${o.verify.duplicates} duplicates`);
    if (o.mode.exactlyOnceInOrder && o.verify.outOfOrder > 0) failures.push(`${o.verify.outOfOrder} out of order`);
  }
  const { recoveryS, referenceRate } = recovery(o);
  if (recoveryS === undefined) failures.push(`never back at ${Math.round(referenceRate)}/s after the fault`);
  else if (recoveryS > RECOVERY_LIMIT_S)
    failures.push(`back at ${Math.round(referenceRate)}/s only ${recoveryS.toFixed(0)} s after the election`);
  return { pass: failures.length === 0, failures, recoveryS, referenceRate };
}

function recovery(o: CellObservation): { recoveryS: number | undefined; referenceRate: number } {
  const before = o.samples
    .filter((s) => s.atMs <= o.times.injectedMs && s.atMs > o.times.injectedMs - 10_000)
    .map((s) => s.acked);
  const baseline = before.length > 0 ? median(before) : o.targetRate;
  const referenceRate = Math.min(o.targetRate, baseline) * RATE_SHARE;
  const from = o.times.electedMs ?? o.times.healedMs;
  const back = o.samples.find((s) => s.atMs >= from && s.acked >= referenceRate);
  return { recoveryS: back ? Math.max(0, back.atMs - from) / 1000 : undefined, referenceRate };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** One `[  12.0s] total target 10,000/s generated 9,989 ev/s acked 10,298 rec/s ...` line, or undefined. */
export function parseTotalLine(line: string, atMs: number): RateSample | undefined {
  const m = /\] total target .* generated ([\d,]+) ev\/s acked ([\d,]+) rec\/s/.exec(line);
  if (!m) return undefined;
  return { atMs, generated: Number(m[1]!.replaceAll(",", "")), acked: Number(m[2]!.replaceAll(",", "")) };
}
