/** The human-readable account of a verification: per topic what arrived, what was injected, what was lost. */
import { duration, thousands } from "../report/format.ts";
import type { AnomalyRecord } from "../truth/records.ts";
import type { CountAccount, TopicVerdict } from "./attribute.ts";
import type { LifeTruth } from "./run-truth.ts";
import { retentionLines } from "./retention-lines.ts";
import { judge, verdictLine, type Verdict } from "./verdict.ts";
import type { VerifyResult } from "./verify-run.ts";

/** The result's verdict, or (hand-made results) the one its run would get without --allow-incomplete. */
export function verdictOf(r: VerifyResult): Verdict {
  return (
    r.verdict ??
    judge({ start: r.truth.start, finished: r.truth.end !== undefined, topics: r.topics, allowIncomplete: false })
  );
}

export function textReport(r: VerifyResult): string {
  const { start, end, anomalies } = r.truth;
  const out: string[] = [];
  const ran = end ? `, ran ${duration(end.endedMs - start.startedMs)}` : ", not finished";
  out.push(
    `surge verify: run ${start.run} (${start.scenario}, ${thousands(start.devices)} devices, seed ${start.seed}, ` +
      `started ${utc(start.startedMs)}${ran})`,
  );
  const segments = r.truth.segments ?? [];
  if (segments.length > 0) {
    out.push(
      `  split over ${plural(segments.length, "instance")} (--segment ${segments.join(", ")})` +
        `${end ? "" : ": not every share has ended, or the shares do not cover the whole fleet"}`,
    );
  }
  out.push(...livesLines(r.truth.lives));
  out.push(
    `  read ${thousands(r.recordsRead)} records from ${plural(r.topics.length - r.absentTopics.length, "topic")}, ` +
      `${plural(r.partitions, "partition")}, in ${duration(r.elapsedMs)}`,
  );
  if (r.window) {
    out.push(
      `  window: ${utc(r.window.fromMs)} to ${utc(r.window.toMs)} (--since/--until rounded out to the run's 10 s acked-offsets ` +
        "intervals): every record acked in it is expected; holes before a device's first record in it are its edge",
    );
  }
  out.push(`  injected: ${anomalies.length === 0 ? "nothing" : anomalies.map(describeAnomaly).join("; ")}`);
  const verdict = verdictOf(r);
  if (verdict.guarantee) {
    const g = verdict.guarantee;
    out.push(
      `  guarantee asked for: acks ${g.acks}${g.idempotent ? ", idempotent (duplicates and reordering fail the run)" : ", not idempotent (retry duplicates are allowed)"}`,
    );
  }
  if (!end && !r.window)
    out.push(
      "  note: no run-end record (the run is still going or died): records after each device's last one are not counted",
    );
  for (const t of r.absentTopics) out.push(`  note: topic ${t} does not exist (deleted?): all its records are missing`);
  for (const t of r.topics) out.push(...topicLines(t));
  out.push(`  ${verdictLine(verdict)}`);
  return out.join("\n");
}

function topicLines(t: TopicVerdict): string[] {
  const m = t.missing;
  const built =
    t.ackedInWindow !== undefined
      ? `; acked in the window ${thousands(t.ackedInWindow)}`
      : t.built === undefined
        ? ""
        : `; the run built ${thousands(t.built)}`;
  const lines = [
    `  ${t.name}: received ${thousands(t.received)} = ${thousands(t.distinct)} distinct + ${thousands(t.duplicates.total)} duplicates${built}`,
  ];
  const examples =
    m.unexplained > 0 && m.examples.length > 0
      ? `  (holes: ${m.examples.map((e) => `device ${e.device} seq ${e.from === e.to - 1 ? e.from : `${e.from}-${e.to - 1}`}`).join(", ")}${m.holes > m.examples.length ? ", ..." : ""})`
      : "";
  const failed = m.notAcked > 0 ? `  not acked by Kafka (the run reported them failed) ${thousands(m.notAcked)}` : "";
  const indeterminate =
    m.indeterminate > 0
      ? [
          `    indeterminate ${num(m.indeterminate)}  counted failed or unsent by the run, but Kafka has them (neither lost nor duplicated)`,
        ]
      : [];
  const agedOut = m.agedOut > 0 ? `  aged out ${thousands(m.agedOut)} (retention)` : "";
  const compacted = m.compacted > 0 ? `  compacted ${thousands(m.compacted)}` : "";
  lines.push(
    `    missing       ${num(m.total)}  injected ${thousands(m.injected)} (dropout)${agedOut}${compacted}${failed}  unexplained ${thousands(m.unexplained)}${examples}`,
  );
  lines.push(...indeterminate);
  for (const d of t.died ?? [])
    lines.push(
      `    in flight     ${num(d.inFlight)}  when instance ${who(d.segment)} died (life ${d.life + 1}): in Kafka beyond the offsets it recorded as acked (neither lost nor duplicated)`,
    );
  lines.push(`    duplicates    ${num(t.duplicates.total)}${split(t.duplicates, "duplicate")}`);
  lines.push(`    out of order  ${num(t.outOfOrder.total)}${split(t.outOfOrder, "late, clock-skew")}`);
  // No "produce → read" line: that was the records' age when verify read them, not a latency
  // (the run's own histograms have those).
  lines.push(...retentionLines(t));
  if (t.otherRuns > 0) lines.push(`    skipped ${thousands(t.otherRuns)} records of other runs`);
  if (t.unreadable > 0)
    lines.push(`    ${thousands(t.unreadable)} records of this run with unreadable surge-device/surge-seq headers`);
  if (t.extra > 0) lines.push(`    ${thousands(t.extra)} more distinct records than the run says it built`);
  return lines;
}

/** One line per restarted instance: its lives, which died, where each numbers from. */
function livesLines(lives: readonly LifeTruth[] | undefined): string[] {
  if (!lives) return [];
  const shares = [...new Set(lives.map((l) => l.segment))];
  return shares
    .map((share) => lives.filter((l) => l.segment === share))
    .filter((ls) => ls.length > 1)
    .map(
      (ls) =>
        `  restarted: instance ${who(ls[0]?.segment ?? "")} ran ${ls.length} lives: ` +
        ls
          .map(
            (l) =>
              `life ${l.life + 1} from ${utc(l.startedMs)}, seq from ${thousands(l.seqBase)}` +
              (l.died ? ", died without run-end (what it built after each device's last record is not counted)" : ""),
          )
          .join("; "),
    );
}

const who = (segment: string): string => (segment === "" ? "(whole run)" : segment);

function split(c: CountAccount, kinds: string): string {
  return c.total === 0 ? "" : `  injected ${thousands(c.injected)} (${kinds})  unexplained ${thousands(c.unexplained)}`;
}

function describeAnomaly(a: AnomalyRecord): string {
  const last = a.devices.from + a.devices.count - 1;
  const devices = a.devices.count === 1 ? `device ${a.devices.from}` : `devices ${a.devices.from}-${last}`;
  const where = a.topic ? ` on ${a.topic}` : "";
  return `${a.kind} #${a.id} ${devices}${where} for ${duration(a.endMs - a.startMs)} (${a.source})`;
}

const num = (n: number): string => thousands(n).padStart(9);
const plural = (n: number, word: string): string => `${thousands(n)} ${word}${n === 1 ? "" : "s"}`;
const utc = (epochMs: number): string => `${new Date(epochMs).toISOString().slice(0, 19).replace("T", " ")} UTC`;
