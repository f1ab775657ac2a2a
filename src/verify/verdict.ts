/**
 * The verdict follows the guarantee the run asked for (its run-start record): like Kafka's own
 * ReplicationTest, duplicates from retries are reported but allowed for a producer that is not
 * idempotent, and fail the run only with --idempotent (so do reorderings). Loss no injection or
 * failure explains always fails. A run without a run-end gives an incomplete account: that is
 * its own outcome unless the caller accepts it (--allow-incomplete). Pure.
 */
import { thousands } from "../report/format.ts";
import type { RunStartRecord } from "../truth/records.ts";
import type { TopicVerdict } from "./attribute.ts";

export type VerdictStatus = "ok" | "failed" | "incomplete";

export interface Verdict {
  status: VerdictStatus;
  /** As recorded by the run; undefined for runs written before surge recorded it. */
  guarantee: { acks: "0" | "1" | "all"; idempotent: boolean } | undefined;
  /** What fails the run, one phrase each ("lost 3 of plant.data"). */
  failures: string[];
  /** Reported and allowed by the guarantee asked for. */
  allowed: string[];
  /**
   * Acked, then deleted by the topic's retention before verify read them: not verified, not loss
   * (a failure only with --require-all). "47,965,961 of device-data (88.8% of the run)".
   */
  agedOut: string[];
  /** Compacted topics: the holes compaction leaves (only the last record per key is kept). */
  compacted: string[];
  /** No run-end record: counts after each device's last record are unknown. */
  incomplete: boolean;
}

export interface JudgeInput {
  start: RunStartRecord;
  finished: boolean;
  topics: readonly TopicVerdict[];
  /** Accept a run without run-end and judge what is there (--allow-incomplete). */
  allowIncomplete: boolean;
  /** Aged-out records fail the run (--require-all). */
  requireAll?: boolean;
}

export function judge({ start, finished, topics, allowIncomplete, requireAll = false }: JudgeInput): Verdict {
  const guarantee = guaranteeOf(start);
  const idempotent = guarantee?.idempotent === true;
  const failures: string[] = [];
  const allowed: string[] = [];
  const of = (pick: (t: TopicVerdict) => number): string[] =>
    topics.filter((t) => pick(t) > 0).map((t) => `${thousands(pick(t))} of ${t.name}`);

  const lost = of((t) => t.missing.unexplained);
  if (lost.length > 0) failures.push(`lost ${lost.join(", ")}`);
  const duplicated = of((t) => t.duplicates.unexplained);
  if (duplicated.length > 0) {
    if (idempotent) failures.push(`duplicated ${duplicated.join(", ")} (the run was --idempotent)`);
    else allowed.push(`duplicated ${duplicated.join(", ")} (retries without --idempotent may write a record twice)`);
  }
  const reordered = of((t) => t.outOfOrder.unexplained);
  if (reordered.length > 0 && idempotent)
    failures.push(`out of order ${reordered.join(", ")} (the run was --idempotent)`);
  const agedOut = topics
    .filter((t) => t.missing.agedOut > 0)
    .map((t) => `${thousands(t.missing.agedOut)} of ${t.name} (${shareOfRun(t)} of the run)`);
  if (agedOut.length > 0 && requireAll) failures.push(`aged out ${agedOut.join(", ")} (--require-all)`);
  const compacted = of((t) => t.missing.compacted);

  const status: VerdictStatus = failures.length > 0 ? "failed" : !finished && !allowIncomplete ? "incomplete" : "ok";
  return { status, guarantee, failures, allowed, agedOut, compacted, incomplete: !finished };
}

/** Aged-out records as a share of what the run built for the topic (or of what was accounted for). */
export function shareOfRun(t: TopicVerdict): string {
  const whole = t.built ?? t.distinct + t.missing.total;
  if (whole <= 0) return "?";
  const pct = (100 * t.missing.agedOut) / whole;
  return `${pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/** The one line that ends the text report. */
export function verdictLine(v: Verdict): string {
  const allowed =
    (v.allowed.length > 0 ? `; allowed: ${v.allowed.join("; ")}` : "") +
    (v.agedOut.length > 0 && !v.failures.some((f) => f.startsWith("aged out"))
      ? `; aged out by retention (acked, deleted before verify read them, not verified): ${v.agedOut.join(", ")}`
      : "") +
    (v.compacted.length > 0
      ? `; compacted away: ${v.compacted.join(", ")} (only the last record per key is kept)`
      : "");
  if (v.status === "failed") {
    const why = v.failures.every((f) => f.startsWith("aged out")) ? "" : " (records no injection explains)";
    return `FAILED: ${v.failures.join("; ")}${why}${allowed}`;
  }
  if (v.status === "incomplete") {
    return (
      "INCOMPLETE: the run wrote no run-end record (still going, or it died), so the account is partial; " +
      `nothing unexplained so far${allowed} (--allow-incomplete accepts a partial account)`
    );
  }
  if (v.agedOut.length > 0 || v.compacted.length > 0)
    return `OK: nothing verifiable was lost that was not injected${allowed}`;
  return v.allowed.length > 0
    ? `OK: nothing was lost that was not injected${allowed}`
    : "OK: nothing was lost or duplicated that was not injected";
}

function guaranteeOf(start: RunStartRecord): Verdict["guarantee"] {
  const p = start.producer;
  if (!p) return undefined;
  return { acks: p.acks === -1 ? "all" : p.acks === 0 ? "0" : "1", idempotent: p.idempotent };
}
