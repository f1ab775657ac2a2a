/** `surge verify --json`: the same account as the text report, as one JSON object for scripts. */
import type { LatencyStats } from "../metrics/latency-histogram.ts";
import type { TopicVerdict } from "./attribute.ts";
import { verdictOf } from "./text-report.ts";
import type { VerifyResult } from "./verify-run.ts";

export function jsonReport(r: VerifyResult): Record<string, unknown> {
  const { start, end, anomalies } = r.truth;
  const verdict = verdictOf(r);
  return {
    run: start.run,
    scenario: start.scenario,
    seed: start.seed,
    devices: start.devices,
    startedMs: start.startedMs,
    endedMs: end?.endedMs ?? null,
    finished: end !== undefined,
    segments: r.truth.segments ?? [],
    truthTopic: r.truthTopic,
    recordsRead: r.recordsRead,
    partitions: r.partitions,
    elapsedSeconds: Math.round(r.elapsedMs) / 1000,
    anomalies: anomalies.map(({ id, kind, startMs, endMs, devices, topic, magnitude, source }) =>
      ({ id, kind, startMs, endMs, devices, ...(topic ? { topic } : {}), magnitude, source })),
    absentTopics: r.absentTopics,
    topics: Object.fromEntries(r.topics.map((t) => [t.name, topicJson(t)])),
    ok: r.ok,
    verdict: { status: verdict.status, guarantee: verdict.guarantee ?? null, failures: verdict.failures, allowed: verdict.allowed, incomplete: verdict.incomplete },
  };
}

function topicJson(t: TopicVerdict): Record<string, unknown> {
  const { examples, ...missing } = t.missing;
  return {
    role: t.role,
    received: t.received,
    distinct: t.distinct,
    built: t.built ?? null,
    extra: t.extra,
    otherRuns: t.otherRuns,
    unreadable: t.unreadable,
    missing: { ...missing, afterLast: missing.afterLast ?? null, unexplainedHoles: examples },
    duplicates: t.duplicates,
    outOfOrder: t.outOfOrder,
    latencyMs: latencyJson(t.latency),
  };
}

function latencyJson(l: LatencyStats): Record<string, number> {
  // Percentiles are bucket upper bounds and may exceed the exact max by a bucket's width.
  const p = (v: number): number => Math.min(v, l.max);
  return { count: l.count, p50: p(l.p50), p90: p(l.p90), p99: p(l.p99), p999: p(l.p999), max: l.max };
}
