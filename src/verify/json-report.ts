/** `surge verify --json`: the same account as the text report, as one JSON object for scripts. */
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
    ...(r.truth.lives ? { lives: r.truth.lives } : {}),
    truthTopic: r.truthTopic,
    recordsRead: r.recordsRead,
    partitions: r.partitions,
    elapsedSeconds: Math.round(r.elapsedMs) / 1000,
    anomalies: anomalies.map(({ id, kind, startMs, endMs, devices, topic, magnitude, source }) => ({
      id,
      kind,
      startMs,
      endMs,
      devices,
      ...(topic ? { topic } : {}),
      magnitude,
      source,
    })),
    absentTopics: r.absentTopics,
    window: r.window ?? null,
    topics: Object.fromEntries(r.topics.map((t) => [t.name, topicJson(t)])),
    ok: r.ok,
    verdict: {
      status: verdict.status,
      guarantee: verdict.guarantee ?? null,
      failures: verdict.failures,
      allowed: verdict.allowed,
      agedOut: verdict.agedOut,
      compacted: verdict.compacted,
      incomplete: verdict.incomplete,
    },
  };
}

function topicJson(t: TopicVerdict): Record<string, unknown> {
  const { examples, ...missing } = t.missing;
  return {
    role: t.role,
    received: t.received,
    distinct: t.distinct,
    built: t.built ?? null,
    ...(t.ackedInWindow !== undefined ? { ackedInWindow: t.ackedInWindow } : {}),
    extra: t.extra,
    otherRuns: t.otherRuns,
    unreadable: t.unreadable,
    missing: { ...missing, afterLast: missing.afterLast ?? null, unexplainedHoles: examples },
    duplicates: t.duplicates,
    outOfOrder: t.outOfOrder,
    retention: t.retention ?? null,
    belowLogStart: t.belowStart ?? null,
    ...(t.died ? { died: t.died } : {}),
  };
}
