/** The frozen view of a run that every front end renders: the engine ↔ UI contract. */
import type { ClosedHistogram, LatencyStats } from "../metrics/latency-histogram.ts";
import type { E2eInterval, E2eSnapshot } from "./read-back-port.ts";

export type ConnectionState = "connecting" | "connected" | "retrying" | "failed" | "dry-run" | "closed";
export type RunState = "starting" | "running" | "paused" | "stopping" | "stopped";

/** One broker as the producer sees it: answering, refusing connections, or silent; since when. */
export interface BrokerConnection {
  id: number;
  address: string;
  state: "up" | "unreachable" | "unresponsive";
  sinceMs: number;
}

export interface DeliveryCounts {
  /** Records built and handed to the producer. */
  generated: number;
  acked: number;
  /** Records the broker (or the client after its retries) refused; reasons in `errors`. */
  failed: number;
  /** Records still held when the run ended: never sent or never answered. */
  unsent: number;
  /** Generated but not yet acked, failed or declared unsent. */
  inFlight: number;
  /** Bytes (key + value) of acked records. */
  bytes: number;
}

export interface WindowStats {
  /** Acked records per second over the last reporting interval. */
  ackedPerSec: number;
  /** Acked megabytes (10^6 bytes) per second over the same interval. */
  mbPerSec: number;
  /** Send→ack latency over the last interval. */
  latency: LatencyStats;
  /** Lateness against the intended send time over the last interval. */
  late: LatencyStats;
}

export interface TopicSnapshot extends DeliveryCounts {
  role: string;
  name: string;
  /** avro, protobuf or json-schema; absent for JSON. */
  format?: string;
  /** Since the start or the last histogram reset. */
  latency: LatencyStats;
  late: LatencyStats;
  window: WindowStats;
  /** Acked records per second for each of the last 60 seconds, oldest first. */
  history: readonly number[];
  /** Records built but deliberately not sent (dropout); not part of `generated`. */
  dropped: number;
  /** Extra copies sent on purpose (duplicate); part of `generated`. */
  duplicated: number;
}

export interface ErrorSnapshot {
  topic: string;
  code: string;
  message: string;
  count: number;
  lastSeenMs: number;
}

export interface ActiveAnomaly {
  id: number;
  kind: string;
  /** What it hits, e.g. "5% of devices" or "topic alerts". */
  target: string;
  startedMs: number;
  endsMs: number;
}

/** Something that happened during the run, worth a line (anomaly started/ended, timeline step). */
export interface RunEvent {
  /** Increases by one per event: front ends print those above the last one they showed. */
  seq: number;
  /** Since the start of generation. */
  elapsedMs: number;
  message: string;
}

/** One topic's histograms of one closed interval. Read only: nothing records into them any more. */
export interface TopicInterval {
  name: string;
  latency: ClosedHistogram;
  late: ClosedHistogram;
}

/** The histograms of one closed reporting interval (--interval), for exporters and interval logs. */
export interface IntervalHistograms {
  /** 1 for the first interval of the run, then +1 each: a reader sees what it has missed. */
  seq: number;
  startMs: number;
  endMs: number;
  topics: readonly TopicInterval[];
  /** --e2e / --follow histograms of the interval (absent when off). */
  e2e?: readonly E2eInterval[];
}

export interface Snapshot {
  scenario: string;
  /** Id on every record's surge-run header and in the ground truth. */
  runId: string;
  /** --segment: this instance's share of a split run ("1/3:2/3") and the devices it owns. */
  segment?: string;
  segmentDevices?: number;
  /** Ground-truth topic, "" when off. */
  truthTopic: string;
  /** The rate profile driving the target, "" when none (or after the rate was set by hand). */
  profile: string;
  brokers: readonly string[];
  /** Each broker's connection as the producer sees it (empty for a dry run). */
  brokerStates?: readonly BrokerConnection[];
  seed: number;
  connection: ConnectionState;
  state: RunState;
  /** Wall-clock time the snapshot was taken (epoch ms). */
  takenMs: number;
  elapsedMs: number;
  /** Requested target ("max" = as fast as the producer accepts). */
  targetRate: number | "max";
  /** What the scheduler actually aims at after per-device caps and bursts. */
  effectiveRate: number | "max";
  /** Device events generated per second over the last interval. */
  generatedPerSec: number;
  /** Acked records per second over the last interval, all topics. */
  ackedPerSec: number;
  /** Device events that were due but skipped because the producer was too far behind. */
  behind: number;
  totals: DeliveryCounts;
  topics: readonly TopicSnapshot[];
  errors: readonly ErrorSnapshot[];
  anomalies: readonly ActiveAnomaly[];
  /** The last run events, oldest first (at most 50). */
  events: readonly RunEvent[];
  /** Last notable event for the status line (rate changed, anomaly injected...). */
  notice: string;
  /** The last closed intervals, oldest first (at most 8; the final one is in the final snapshot). */
  intervals: readonly IntervalHistograms[];
  /** --e2e / --follow: read-back and pipeline latency and counts (absent when off). */
  e2e?: E2eSnapshot;
}
