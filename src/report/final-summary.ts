/** The summary printed when a run ends (headless or below the dashboard's last frame). */
import type { Snapshot } from "../engine/snapshot.ts";
import { duration, mbps, ms, thousands, rate } from "./format.ts";
import { e2eSummaryLines } from "./e2e-lines.ts";

/** Why events fell behind: the brokers, when they were down or silent, else the producer itself. */
function behindCause(s: Snapshot): string {
  const outage =
    s.events.some((e) => / \((?:[^)]*)\) (?:unreachable|unresponsive): /.test(e.message)) ||
    (s.brokerStates ?? []).some((b) => b.state !== "up");
  if (outage) return "Kafka stopped acknowledging for a while: see the broker events";
  return s.totals.failed > 0 ? "Kafka refused records: see the errors below" : "the producer could not keep up";
}

export function finalSummary(s: Snapshot): string {
  const seconds = Math.max(s.elapsedMs, 1) / 1000;
  const t = s.totals;
  const out: string[] = [];
  out.push(
    `surge ${s.scenario}: ${duration(s.elapsedMs)} at target ${rate(s.targetRate)} (seed ${s.seed}, run ${s.runId})`,
  );
  out.push(
    `  generated ${thousands(t.generated)}  acked ${thousands(t.acked)}  failed ${thousands(t.failed)}  ` +
      `unsent ${thousands(t.unsent)}  (${thousands(t.acked / seconds)} rec/s, ${mbps(t.bytes / 1e6 / seconds)} MB/s)`,
  );
  if (s.behind > 0) {
    out.push(`  behind schedule: ${thousands(s.behind)} device events were due but skipped (${behindCause(s)})`);
  }
  // One topic per line would pass 80 columns: counts first, then latency and lateness below.
  for (const topic of s.topics) {
    const l = topic.latency;
    const injected = [
      topic.dropped ? `dropped ${thousands(topic.dropped)}` : "",
      topic.duplicated ? `duplicated ${thousands(topic.duplicated)}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    out.push(
      `  ${topic.name}: acked ${thousands(topic.acked)}/${thousands(topic.generated)}` +
        `${topic.failed ? ` failed ${thousands(topic.failed)}` : ""}${topic.unsent ? ` unsent ${thousands(topic.unsent)}` : ""}` +
        `${injected ? ` (injected: ${injected})` : ""}`,
    );
    out.push(`    latency p50 ${ms(l.p50)} p90 ${ms(l.p90)} p99 ${ms(l.p99)} p99.9 ${ms(l.p999)} max ${ms(l.max)} ms`);
    if (topic.late.count > 0)
      out.push(`    late    p50 ${ms(topic.late.p50)} p99 ${ms(topic.late.p99)} max ${ms(topic.late.max)} ms`);
  }
  if (s.e2e) out.push(...e2eSummaryLines(s.e2e));
  for (const e of s.errors) out.push(`  error ${e.topic} ${e.code} ×${thousands(e.count)}: ${e.message}`);
  return out.join("\n");
}
