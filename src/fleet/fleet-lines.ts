/** The fleet in plain lines (surge watch off a terminal, surge report): merged first, then each instance. */
import type { FleetView } from "./fleet-view.ts";

const n = (x: number): string => Math.round(x).toLocaleString("en-US");
const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

export function fleetLines(view: FleetView, nowMs: number): string[] {
  const rows = view.rows(nowMs);
  const byStatus = (s: string): number => rows.filter((r) => r.status === s).length;
  const states = ["waiting", "running", "late", "gone", "finished"]
    .map((s) => [s, byStatus(s)] as const)
    .filter(([, k]) => k > 0)
    .map(([s, k]) => `${k} ${s}`);
  const out = [
    `fleet ${view.fleet} run ${view.run ?? "-"}: ${rows.length} instance${rows.length === 1 ? "" : "s"} (${states.join(", ") || "none yet"}), ` +
      `${n(rows.filter((r) => r.status === "running").reduce((a, r) => a + r.rate, 0))} acked/s`,
  ];
  for (const t of view.topics()) {
    out.push(
      `  ${t.name}: acked ${n(t.counts.acked)}, failed ${n(t.counts.failed)}, unsent ${n(t.counts.unsent)}; ` +
        `send→ack p50 ${ms(t.latency.p50)} p99 ${ms(t.latency.p99)} max ${ms(t.latency.max)}`,
    );
  }
  for (const r of rows) {
    out.push(
      `  ${r.segment.padEnd(9)} ${r.status.padEnd(8)} ${r.host} (${r.instance.split(":").slice(1).join(":")}): ` +
        `${n(r.rate)}/s, acked ${n(r.acked)}, failed ${n(r.failed)}, p99 ${ms(r.p99)}`,
    );
  }
  return out;
}
