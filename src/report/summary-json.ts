/** The --summary-json document: a stable shape scripts and CI can rely on. */
import type { Snapshot } from "../engine/snapshot.ts";
import { e2eJson } from "./e2e-lines.ts";

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

export function summaryJson(s: Snapshot): object {
  const seconds = Math.max(s.elapsedMs, 1) / 1000;
  const topics: Record<string, object> = {};
  for (const t of s.topics) {
    topics[t.name] = {
      role: t.role,
      generated: t.generated,
      acked: t.acked,
      failed: t.failed,
      unsent: t.unsent,
      inFlight: t.inFlight,
      dropped: t.dropped,
      duplicated: t.duplicated,
      bytes: t.bytes,
      ratePerSec: round(t.acked / seconds, 1),
      latencyMs: {
        p50: t.latency.p50,
        p90: t.latency.p90,
        p99: t.latency.p99,
        p999: t.latency.p999,
        max: t.latency.max,
        // How many latencies the percentiles are taken from: every acked record, unless reset.
        count: t.latency.count,
      },
      lateMs: { p50: t.late.p50, p99: t.late.p99, max: t.late.max },
    };
  }
  return {
    scenario: s.scenario,
    runId: s.runId,
    segment: s.segment === undefined ? null : { share: s.segment, devices: s.segmentDevices ?? 0 },
    truthTopic: s.truthTopic || null,
    seed: s.seed,
    brokers: s.brokers,
    elapsedSeconds: round(seconds, 2),
    targetRate: s.targetRate,
    behind: s.behind,
    totals: {
      generated: s.totals.generated,
      acked: s.totals.acked,
      failed: s.totals.failed,
      unsent: s.totals.unsent,
      bytes: s.totals.bytes,
    },
    topics,
    errors: s.errors.map((e) => ({ topic: e.topic, code: e.code, count: e.count, message: e.message })),
    events: s.events.map((e) => ({ atSeconds: round(e.elapsedMs / 1000, 2), message: e.message })),
    ...(s.e2e ? { e2e: e2eJson(s.e2e) } : {}),
  };
}
