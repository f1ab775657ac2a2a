/** The periodic lines of headless mode: one per topic per interval, readable and grep-able. */
import type { BrokerConnection, ErrorSnapshot, RunEvent, Snapshot } from "../engine/snapshot.ts";
import { duration, mbps, ms, thousands, rate } from "./format.ts";
import { e2eIntervalLines } from "./e2e-lines.ts";

const RECENT_ERROR_MS = 10_000;

export function intervalLines(s: Snapshot): string[] {
  const head = `[${duration(s.elapsedMs).padStart(7)}]`;
  const lines = s.topics.map((t) => {
    const w = t.window;
    const late = w.late.count > 0 ? ` late p99 ${ms(w.late.p99)}` : "";
    const trouble = t.failed > 0 ? ` failed ${thousands(t.failed)}` : "";
    return (
      `${head} ${t.name} records ${thousands(t.acked)} ${thousands(w.ackedPerSec)} rec/s ` +
      `${mbps(w.mbPerSec)} MB/s p50 ${ms(w.latency.p50)} p99 ${ms(w.latency.p99)} max ${ms(w.latency.max)} ms` +
      `${late} in-flight ${thousands(t.inFlight)}${trouble}`
    );
  });
  if (s.e2e) lines.push(...e2eIntervalLines(head, s.e2e));
  const state = s.state === "paused" ? " PAUSED" : "";
  const failed = s.totals.failed > 0 ? ` failed ${thousands(s.totals.failed)}` : "";
  lines.push(
    `${head} total target ${rate(s.effectiveRate)} generated ${thousands(s.generatedPerSec)} ev/s ` +
      `acked ${thousands(s.ackedPerSec)} rec/s${failed}${s.behind > 0 ? ` behind ${thousands(s.behind)}` : ""}${state}`,
  );
  const outage = brokerTrouble(s.brokerStates ?? [], s.takenMs);
  if (outage) lines.push(`${head} brokers ${outage}`);
  const latest = s.errors[0];
  // Shown while it is news; the final summary lists every error.
  if (latest && s.takenMs - latest.lastSeenMs < RECENT_ERROR_MS)
    lines.push(`${head} last error ${errorText(latest, s.takenMs)}`);
  return lines;
}

/** "2 unresponsive for 4.2s, 3 unreachable for 0.5s"; "" when every broker answers. */
function brokerTrouble(brokers: readonly BrokerConnection[], nowMs: number): string {
  return brokers
    .filter((b) => b.state !== "up")
    .map((b) => `${b.id} (${b.address}) ${b.state} for ${duration(Math.max(0, nowMs - b.sinceMs))}`)
    .join(", ");
}

function errorText(e: ErrorSnapshot, nowMs: number): string {
  const age = Math.max(0, nowMs - e.lastSeenMs);
  return `${e.topic} ${e.code} ×${thousands(e.count)} (${duration(age)} ago): ${e.message}`;
}

/** A run event as it happens: "[  12.0s] event: spike started: 5% of devices (120–169) for 10s (stdin)". */
export function eventLine(e: RunEvent): string {
  return `[${duration(e.elapsedMs).padStart(7)}] event: ${e.message}`;
}
