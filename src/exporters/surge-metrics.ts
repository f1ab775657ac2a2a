/** A run's snapshot (plus its whole-run histograms) as Prometheus metric families. */
import type { ConnectionState, RunState, Snapshot, TopicSnapshot } from "../engine/snapshot.ts";
import type { LatencyHistogram, LatencyStats } from "../metrics/latency-histogram.ts";
import { Exposition, type ExpositionFormat } from "./exposition.ts";
import type { RunHistograms } from "./run-histograms.ts";
import { e2eMetrics, type E2eRunHistograms } from "./e2e-metrics.ts";

/** What the snapshot does not carry: fixed for the whole run. */
export interface RunInfo {
  version: string;
  devices: number;
  /** Every anomaly kind, so each has a series (0 while none is active). */
  anomalyKinds: readonly string[];
}

/** Histogram bucket bounds in seconds: 0.5 ms to a minute, 1-2-5 steps. */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [
  0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60,
];
const BUCKETS_MICROS = LATENCY_BUCKETS_SECONDS.map((s) => Math.round(s * 1e6));

/** Label `percentile` (not `quantile`, which Prometheus keeps for summaries) and where it comes from. */
const PERCENTILES: ReadonlyArray<readonly [string, keyof LatencyStats]> = [
  ["50", "p50"],
  ["90", "p90"],
  ["99", "p99"],
  ["99.9", "p999"],
  ["99.99", "p9999"],
  ["100", "max"],
];
const CONNECTION_STATES: readonly ConnectionState[] = [
  "connecting",
  "connected",
  "retrying",
  "failed",
  "dry-run",
  "closed",
];
const RUN_STATES: readonly RunState[] = ["starting", "running", "paused", "stopping", "stopped"];

const counterPerTopic: ReadonlyArray<readonly [string, string, (t: TopicSnapshot) => number]> = [
  ["surge_records_generated_total", "Records built and handed to the producer.", (t) => t.generated],
  ["surge_records_acked_total", "Records the broker acknowledged.", (t) => t.acked],
  ["surge_records_unsent_total", "Records never sent or never answered when the run ended.", (t) => t.unsent],
  [
    "surge_records_dropped_total",
    "Records built but not sent on purpose (dropout anomaly); not part of generated.",
    (t) => t.dropped,
  ],
  [
    "surge_records_duplicated_total",
    "Extra copies sent on purpose (duplicate anomaly); part of generated.",
    (t) => t.duplicated,
  ],
  ["surge_acked_bytes_total", "Bytes (key + value) of acknowledged records.", (t) => t.bytes],
];

export function surgeMetrics(
  s: Snapshot,
  run: RunHistograms,
  info: RunInfo,
  missedIntervals: number,
  format: ExpositionFormat = "prometheus",
  e2e?: E2eRunHistograms,
): string {
  const out = new Exposition(format);
  out
    .family("surge_run_info", "gauge", "Always 1; the run's id, scenario and surge version as labels.")
    .sample("surge_run_info", { run_id: s.runId, scenario: s.scenario, version: info.version }, 1);
  for (const [name, help, value] of counterPerTopic) {
    out.family(name, "counter", help);
    for (const t of s.topics) out.sample(name, { topic: t.name }, value(t));
  }
  out.family(
    "surge_records_failed_total",
    "counter",
    "Records the broker (or the client after its retries) refused, by error code.",
  );
  for (const e of s.errors) out.sample("surge_records_failed_total", { topic: e.topic, code: e.code }, e.count);
  out.family("surge_records_in_flight", "gauge", "Records generated and not yet acked, failed or declared unsent.");
  for (const t of s.topics) out.sample("surge_records_in_flight", { topic: t.name }, t.inFlight);

  histograms(
    out,
    "surge_send_ack_latency_seconds",
    "Time from handing a record to the producer to its ack (whole run).",
    s,
    (t) => run.of(t).latency,
  );
  histograms(
    out,
    "surge_lateness_seconds",
    "How late each device event was built against its intended send time (whole run).",
    s,
    (t) => run.of(t).late,
  );
  percentiles(
    out,
    "surge_send_ack_latency_percentile_seconds",
    "Send-to-ack latency percentile (HDR); window=run: since the start or the last histogram reset, window=interval: the last --interval.",
    s,
    (t) => t.latency,
    (t) => t.window.latency,
  );
  percentiles(
    out,
    "surge_lateness_percentile_seconds",
    "Lateness percentile (HDR); window as for surge_send_ack_latency_percentile_seconds.",
    s,
    (t) => t.late,
    (t) => t.window.late,
  );

  const target = s.targetRate === "max" ? NaN : s.targetRate;
  const aimed = s.effectiveRate === "max" ? NaN : s.effectiveRate;
  out
    .family("surge_target_events_per_second", "gauge", "Requested device events per second (NaN for --rate max).")
    .sample("surge_target_events_per_second", {}, target);
  out
    .family(
      "surge_aimed_events_per_second",
      "gauge",
      "What the scheduler aims at after per-device caps and bursts (NaN for --rate max).",
    )
    .sample("surge_aimed_events_per_second", {}, aimed);
  out
    .family("surge_rate_unlimited", "gauge", "1 when the target is --rate max (as fast as the producer accepts).")
    .sample("surge_rate_unlimited", {}, s.targetRate === "max" ? 1 : 0);
  out
    .family(
      "surge_generated_events_per_second",
      "gauge",
      "Device events generated per second over the last --interval (the achieved rate).",
    )
    .sample("surge_generated_events_per_second", {}, s.generatedPerSec);
  out.family("surge_devices", "gauge", "Simulated devices in the fleet.").sample("surge_devices", {}, info.devices);
  out
    .family(
      "surge_events_behind_total",
      "counter",
      "Device events that were due but skipped because the producer was too far behind.",
    )
    .sample("surge_events_behind_total", {}, s.behind);

  out.family("surge_anomalies_active", "gauge", "Anomalies running now, by kind.");
  for (const kind of info.anomalyKinds)
    out.sample("surge_anomalies_active", { kind }, s.anomalies.filter((a) => a.kind === kind).length);
  out.family("surge_connection_state", "gauge", "1 for the producer's current connection state, 0 for the others.");
  for (const state of CONNECTION_STATES)
    out.sample("surge_connection_state", { state }, s.connection === state ? 1 : 0);
  out.family("surge_run_state", "gauge", "1 for the run's current state, 0 for the others.");
  for (const state of RUN_STATES) out.sample("surge_run_state", { state }, s.state === state ? 1 : 0);
  out
    .family("surge_run_elapsed_seconds", "gauge", "Time since generation started.")
    .sample("surge_run_elapsed_seconds", {}, s.elapsedMs / 1000);
  out
    .family(
      "surge_exporter_missed_intervals_total",
      "counter",
      "Closed intervals the exporter did not see in time (their samples are missing from the histograms).",
    )
    .sample("surge_exporter_missed_intervals_total", {}, missedIntervals);
  if (e2e) e2eMetrics(out, s, e2e, LATENCY_BUCKETS_SECONDS);
  return out.text();
}

function histograms(
  out: Exposition,
  name: string,
  help: string,
  s: Snapshot,
  of: (topic: string) => LatencyHistogram,
): void {
  out.family(name, "histogram", help);
  for (const t of s.topics) {
    const h = of(t.name);
    out.histogram(
      name,
      { topic: t.name },
      LATENCY_BUCKETS_SECONDS,
      h.countsAtOrBelow(BUCKETS_MICROS),
      h.sumMicros / 1e6,
      h.count,
    );
  }
}

function percentiles(
  out: Exposition,
  name: string,
  help: string,
  s: Snapshot,
  run: (t: TopicSnapshot) => LatencyStats,
  interval: (t: TopicSnapshot) => LatencyStats,
): void {
  out.family(name, "gauge", help);
  for (const t of s.topics) {
    for (const [window, stats] of [
      ["run", run(t)],
      ["interval", interval(t)],
    ] as const) {
      for (const [percentile, key] of PERCENTILES) {
        out.sample(
          name,
          { topic: t.name, percentile, window },
          stats.count === 0 ? NaN : (stats[key] as number) / 1000,
        );
      }
    }
  }
}
