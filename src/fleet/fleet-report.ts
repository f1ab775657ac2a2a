/**
 * `surge report NAME --json`: the instances' final summaries merged into one document in the
 * summary JSON's shape (totals and per-topic counts added, percentiles from the added histograms),
 * with a section per instance. Instances that never sent a final summary are named, not guessed.
 */
import type { FleetView } from "./fleet-view.ts";

export function fleetReport(view: FleetView, nowMs: number): Record<string, unknown> {
  const finals = view.finals();
  const rows = view.rows(nowMs);
  const topics = Object.fromEntries(
    view.topics().map((t) => [
      t.name,
      {
        ...t.counts,
        latencyMs: {
          p50: t.latency.p50,
          p90: t.latency.p90,
          p99: t.latency.p99,
          p999: t.latency.p999,
          max: t.latency.max,
          count: t.latency.count,
        },
        lateMs: { p50: t.late.p50, p99: t.late.p99, max: t.late.max },
      },
    ]),
  );
  const sum = (k: "generated" | "acked" | "failed" | "unsent" | "bytes"): number =>
    view.topics().reduce((a, t) => a + t.counts[k], 0);
  return {
    fleet: view.fleet,
    runId: view.run ?? null,
    instances: rows.length,
    finished: rows.filter((r) => r.status === "finished").length,
    unfinished: rows
      .filter((r) => r.status !== "finished")
      .map((r) => ({ instance: r.instance, segment: r.segment, status: r.status, lastSeenMs: r.lastSeenMs })),
    totals: {
      generated: sum("generated"),
      acked: sum("acked"),
      failed: sum("failed"),
      unsent: sum("unsent"),
      bytes: sum("bytes"),
    },
    topics,
    perInstance: finals.map((m) => ({
      instance: m.instance,
      host: m.host,
      segment: m.segment ?? null,
      summary: m.summary ?? null,
    })),
  };
}
