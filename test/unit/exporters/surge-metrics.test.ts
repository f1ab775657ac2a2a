import assert from "node:assert/strict";
import { test } from "node:test";
import type { IntervalHistograms } from "../../../src/engine/snapshot.ts";
import { RunHistograms } from "../../../src/exporters/run-histograms.ts";
import { surgeMetrics } from "../../../src/exporters/surge-metrics.ts";
import { LatencyHistogram } from "../../../src/metrics/latency-histogram.ts";
import { idleTopic, snapshot, topic } from "../ui/fixtures.ts";

const info = { version: "9.9.9", devices: 1234, anomalyKinds: ["spike", "dropout", "stuck"] };

function histogram(ms: readonly number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of ms) h.recordMs(v);
  return h;
}

function interval(seq: number, latencyMs: readonly number[], lateMs: readonly number[] = []): IntervalHistograms {
  return {
    seq,
    startMs: seq * 1000,
    endMs: seq * 1000 + 1000,
    topics: [{ name: "device-data", latency: histogram(latencyMs), late: histogram(lateMs) }],
  };
}

/** The value of the one sample line named exactly `series`. */
function value(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  assert.ok(line, `no ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

test("whole-run histograms merged from intervals: cumulative buckets, +Inf, _sum in seconds, _count", () => {
  const run = new RunHistograms();
  run.add(interval(1, [0.3, 1, 3]));
  run.add(interval(2, [3, 70, 2000], [5]));
  const text = surgeMetrics(snapshot(), run, info, 0);
  const b = (le: string): number =>
    value(text, `surge_send_ack_latency_seconds_bucket{topic="device-data",le="${le}"}`);
  assert.deepEqual(
    ["0.0005", "0.001", "0.002", "0.005", "0.05", "0.1", "1", "2", "60", "+Inf"].map(b),
    [1, 2, 2, 4, 4, 5, 5, 6, 6, 6],
  );
  assert.equal(value(text, 'surge_send_ack_latency_seconds_count{topic="device-data"}'), 6);
  assert.ok(Math.abs(value(text, 'surge_send_ack_latency_seconds_sum{topic="device-data"}') - 2.0773) < 1e-9);
  assert.equal(value(text, 'surge_lateness_seconds_count{topic="device-data"}'), 1);
  // A topic no interval mentioned has empty histograms, not missing ones.
  assert.equal(value(text, 'surge_send_ack_latency_seconds_bucket{topic="alerts",le="+Inf"}'), 0);
});

test("counters, failures by code, rates, anomalies by kind, connection and run info from the snapshot", () => {
  const s = snapshot({
    targetRate: "max",
    effectiveRate: "max",
    behind: 17,
    connection: "retrying",
    topics: [topic("device-data", "data", 2000, { failed: 40, unsent: 3 }), idleTopic("alerts")],
    errors: [
      { topic: "device-data", code: "NOT_LEADER_OR_FOLLOWER", message: "m", count: 30, lastSeenMs: 1 },
      { topic: "device-data", code: "REQUEST_TIMED_OUT", message: "m", count: 10, lastSeenMs: 2 },
    ],
    anomalies: [
      { id: 1, kind: "spike", target: "5% of devices", startedMs: 0, endsMs: 1 },
      { id: 2, kind: "spike", target: "1% of devices", startedMs: 0, endsMs: 1 },
      { id: 3, kind: "stuck", target: "2% of devices", startedMs: 0, endsMs: 1 },
    ],
  });
  const text = surgeMetrics(s, new RunHistograms(), info, 4);
  assert.equal(value(text, 'surge_run_info{run_id="20260115T080000Z-test",scenario="industrial",version="9.9.9"}'), 1);
  assert.equal(value(text, 'surge_records_acked_total{topic="device-data"}'), 60_000);
  assert.equal(value(text, 'surge_records_generated_total{topic="device-data"}'), 60_012);
  assert.equal(value(text, 'surge_records_unsent_total{topic="device-data"}'), 3);
  assert.equal(value(text, 'surge_records_failed_total{topic="device-data",code="NOT_LEADER_OR_FOLLOWER"}'), 30);
  assert.equal(value(text, 'surge_records_failed_total{topic="device-data",code="REQUEST_TIMED_OUT"}'), 10);
  assert.equal(value(text, 'surge_records_in_flight{topic="device-data"}'), 12);
  assert.ok(Number.isNaN(value(text, "surge_target_events_per_second")));
  assert.equal(value(text, "surge_rate_unlimited"), 1);
  assert.equal(value(text, "surge_events_behind_total"), 17);
  assert.equal(value(text, "surge_devices"), 1234);
  assert.deepEqual(
    ["spike", "dropout", "stuck"].map((k) => value(text, `surge_anomalies_active{kind="${k}"}`)),
    [2, 0, 1],
  );
  assert.equal(value(text, 'surge_connection_state{state="retrying"}'), 1);
  assert.equal(value(text, 'surge_connection_state{state="connected"}'), 0);
  assert.equal(value(text, 'surge_run_state{state="running"}'), 1);
  assert.equal(value(text, "surge_exporter_missed_intervals_total"), 4);
  // Percentile gauges in seconds; NaN (not 0) for a topic with no samples yet.
  assert.equal(
    value(text, 'surge_send_ack_latency_percentile_seconds{topic="device-data",percentile="99",window="run"}'),
    0.0185,
  );
  assert.equal(
    value(text, 'surge_lateness_percentile_seconds{topic="device-data",percentile="100",window="interval"}'),
    0.0075,
  );
  assert.ok(
    Number.isNaN(value(text, 'surge_send_ack_latency_percentile_seconds{topic="alerts",percentile="50",window="run"}')),
  );
  // Every metric is surge_-prefixed, declared once, and no label carries a device.
  const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)];
  assert.equal(new Set(types.map((m) => m[1])).size, types.length);
  for (const [, name, type] of types) {
    assert.match(name ?? "", /^surge_[a-z0-9_]+$/);
    if (type === "counter") assert.match(name ?? "", /_total$/);
  }
  assert.doesNotMatch(text, /device_id|device=/);
});
