/** The periodic lines of headless mode: one per topic per interval, readable and grep-able. */
import type { RunEvent, Snapshot } from "../engine/snapshot.ts";
import { duration, mbps, ms, thousands, rate } from "./format.ts";

export function intervalLines(s: Snapshot): string[] {
  const head = `[${duration(s.elapsedMs).padStart(7)}]`;
  const lines = s.topics.map((t) => {
    const w = t.window;
    const late = w.late.count > 0 ? ` late p99 ${ms(w.late.p99)}` : "";
    const trouble = t.failed > 0 ? ` failed ${thousands(t.failed)}` : "";
    return `${head} ${t.name} records ${thousands(t.acked)} ${thousands(w.ackedPerSec)} rec/s ` +
      `${mbps(w.mbPerSec)} MB/s p50 ${ms(w.latency.p50)} p99 ${ms(w.latency.p99)} max ${ms(w.latency.max)} ms` +
      `${late} in-flight ${thousands(t.inFlight)}${trouble}`;
  });
  const state = s.state === "paused" ? " PAUSED" : "";
  lines.push(`${head} total target ${rate(s.effectiveRate)} generated ${thousands(s.generatedPerSec)} ev/s ` +
    `acked ${thousands(s.ackedPerSec)} rec/s${s.behind > 0 ? ` behind ${thousands(s.behind)}` : ""}${state}`);
  return lines;
}

/** A run event as it happens: "[  12.0s] event: spike started: 5% of devices (120–169) for 10s (stdin)". */
export function eventLine(e: RunEvent): string {
  return `[${duration(e.elapsedMs).padStart(7)}] event: ${e.message}`;
}
