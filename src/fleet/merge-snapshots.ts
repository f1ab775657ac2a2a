/**
 * --workers: one snapshot of the process from its workers' snapshots. Counters are added, the
 * histograms come added up from the merged intervals (never percentiles averaged), the run's
 * settings and the requested rate are every worker's alike, the state is the least advanced one.
 */
import { EMPTY_STATS } from "../metrics/latency-histogram.ts";
import type {
  ActiveAnomaly,
  BrokerConnection,
  ConnectionState,
  DeliveryCounts,
  ErrorSnapshot,
  IntervalHistograms,
  RunEvent,
  RunState,
  Snapshot,
  TopicSnapshot,
} from "../engine/snapshot.ts";
import type { TopicHistograms } from "./topic-histograms.ts";

export interface MergeInput {
  parts: readonly Snapshot[];
  /** The whole run's histograms (since the start or a reset). */
  run: TopicHistograms;
  /** The process's merged intervals; the last one gives the window's percentiles. */
  intervals: readonly IntervalHistograms[];
  /** The instance's own --segment (absent for a whole run): the workers' shares are its parts. */
  segment: string | undefined;
  events: readonly RunEvent[];
  notice: string;
  nowMs: number;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** The least advanced: a run is stopped when every worker is, paused when every worker is. */
export function mergedState(states: readonly RunState[]): RunState {
  if (states.every((s) => s === "stopped")) return "stopped";
  if (states.some((s) => s === "stopping" || s === "stopped")) return "stopping";
  if (states.some((s) => s === "starting")) return "starting";
  return states.every((s) => s === "paused") ? "paused" : "running";
}

const CONNECTION_ORDER: readonly ConnectionState[] = [
  "failed",
  "retrying",
  "connecting",
  "connected",
  "closed",
  "dry-run",
];

/** The worst connection of any worker. */
export function mergedConnection(states: readonly ConnectionState[]): ConnectionState {
  return CONNECTION_ORDER.find((c) => states.includes(c)) ?? "connecting";
}

export function mergeSnapshots(m: MergeInput): Snapshot {
  const parts = m.parts;
  const first = parts[0] as Snapshot;
  const last = m.intervals.at(-1);
  const topics = first.topics.map((t, i) =>
    mergeTopic(
      t.name,
      parts.map((p) => p.topics[i] ?? t),
      m.run,
      last,
    ),
  );
  const rates = parts.map((p) => p.effectiveRate);
  return Object.freeze({
    scenario: first.scenario,
    runId: first.runId,
    ...(m.segment === undefined
      ? {}
      : { segment: m.segment, segmentDevices: sum(parts.map((p) => p.segmentDevices ?? 0)) }),
    truthTopic: first.truthTopic,
    profile: first.profile,
    brokers: first.brokers,
    brokerStates: mergeBrokers(parts.map((p) => p.brokerStates ?? [])),
    seed: first.seed,
    connection: mergedConnection(parts.map((p) => p.connection)),
    state: mergedState(parts.map((p) => p.state)),
    takenMs: m.nowMs,
    elapsedMs: Math.max(...parts.map((p) => p.elapsedMs)),
    // The requested rate is the whole run's on every worker; each aims at its part of it.
    targetRate: first.targetRate,
    effectiveRate: rates.includes("max") ? "max" : sum(rates as number[]),
    generatedPerSec: sum(parts.map((p) => p.generatedPerSec)),
    ackedPerSec: sum(parts.map((p) => p.ackedPerSec)),
    behind: sum(parts.map((p) => p.behind)),
    totals: deliveryTotals(topics),
    topics: Object.freeze(topics),
    errors: mergeErrors(parts.flatMap((p) => p.errors)),
    anomalies: mergeAnomalies(parts.flatMap((p) => p.anomalies)),
    events: m.events,
    notice: m.notice,
    intervals: m.intervals,
  });
}

/** The run's totals: every topic's counts added (surge watch sums a fleet's topics the same way). */
export function deliveryTotals(topics: readonly DeliveryCounts[]): DeliveryCounts {
  return Object.freeze({
    generated: sum(topics.map((t) => t.generated)),
    acked: sum(topics.map((t) => t.acked)),
    failed: sum(topics.map((t) => t.failed)),
    unsent: sum(topics.map((t) => t.unsent)),
    inFlight: sum(topics.map((t) => t.inFlight)),
    bytes: sum(topics.map((t) => t.bytes)),
  });
}

function mergeTopic(
  name: string,
  ts: readonly TopicSnapshot[],
  run: TopicHistograms,
  last: IntervalHistograms | undefined,
): TopicSnapshot {
  const t0 = ts[0] as TopicSnapshot;
  const window = last?.topics.find((t) => t.name === name);
  const add = (
    k: keyof Pick<
      TopicSnapshot,
      "generated" | "acked" | "failed" | "unsent" | "inFlight" | "bytes" | "dropped" | "duplicated"
    >,
  ): number => sum(ts.map((t) => t[k]));
  const history = t0.history.map((_, i) => sum(ts.map((t) => t.history[i] ?? 0)));
  return Object.freeze({
    role: t0.role,
    name,
    ...(t0.format === undefined ? {} : { format: t0.format }),
    generated: add("generated"),
    acked: add("acked"),
    failed: add("failed"),
    unsent: add("unsent"),
    inFlight: add("inFlight"),
    bytes: add("bytes"),
    latency: run.latencyOf(name).stats(),
    late: run.lateOf(name).stats(),
    window: Object.freeze({
      ackedPerSec: sum(ts.map((t) => t.window.ackedPerSec)),
      mbPerSec: sum(ts.map((t) => t.window.mbPerSec)),
      latency: window ? window.latency.stats() : EMPTY_STATS,
      late: window ? window.late.stats() : EMPTY_STATS,
    }),
    history: Object.freeze(history),
    dropped: add("dropped"),
    duplicated: add("duplicated"),
  });
}

/** Per topic and code: counts added, the latest message kept. */
function mergeErrors(errors: readonly ErrorSnapshot[]): readonly ErrorSnapshot[] {
  const byKey = new Map<string, ErrorSnapshot>();
  for (const e of errors) {
    const key = `${e.topic}\u0000${e.code}`;
    const known = byKey.get(key);
    byKey.set(
      key,
      known
        ? {
            ...(e.lastSeenMs > known.lastSeenMs ? e : known),
            count: known.count + e.count,
            lastSeenMs: Math.max(known.lastSeenMs, e.lastSeenMs),
          }
        : e,
    );
  }
  return Object.freeze([...byKey.values()]);
}

/** A timeline anomaly or a command runs on every worker (each on its own devices): shown once. */
function mergeAnomalies(anomalies: readonly ActiveAnomaly[]): readonly ActiveAnomaly[] {
  const byKey = new Map<string, ActiveAnomaly>();
  for (const a of anomalies) {
    const key = `${a.kind}\u0000${a.target}\u0000${Math.round(a.startedMs / 1000)}`;
    if (!byKey.has(key)) byKey.set(key, a);
  }
  return Object.freeze([...byKey.values()]);
}

/** Per broker, the worst any worker sees (one worker's broken connection is the process's). */
function mergeBrokers(lists: readonly (readonly BrokerConnection[])[]): readonly BrokerConnection[] {
  const byId = new Map<number, BrokerConnection>();
  for (const b of lists.flat()) {
    const known = byId.get(b.id);
    if (!known || (known.state === "up" && b.state !== "up")) byId.set(b.id, b);
  }
  return Object.freeze([...byId.values()].sort((a, b) => a.id - b.id));
}
