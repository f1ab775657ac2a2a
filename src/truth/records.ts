/**
 * Records surge writes to the ground-truth topic (default `surge.anomalies`, key = run id,
 * value = one JSON object). A detector under test is scored against the "anomaly" records;
 * `surge verify` uses all three to explain what it finds.
 */
export const DEFAULT_TRUTH_TOPIC = "surge.anomalies";

export interface TopicTruth {
  role: string;
  name: string;
}

/** Written once when generation starts. */
export interface RunStartRecord {
  type: "run-start";
  run: string;
  scenario: string;
  seed: number;
  devices: number;
  topics: TopicTruth[];
  startedMs: number;
  /** The delivery guarantee asked for; `surge verify` judges by it (absent in older runs). */
  producer?: { acks: 0 | 1 | -1; idempotent: boolean };
  /**
   * Written by one instance of a split run (--segment): its share "FROM:TO" of the fleet, whose
   * devices it alone ran. `devices` stays the whole fleet's count. Absent for a whole run.
   */
  segment?: string;
  /**
   * A restarted instance's life (1 for the first restart; absent for the first start) and the
   * sequence number its devices start at (life × LIFE_SEQS), so no life reuses another's numbers.
   */
  life?: number;
  seqBase?: number;
}

/**
 * Sequence numbers each life of an instance owns per (device, topic): 2^26 (67,108,864), so 31
 * lives fit below verify's 2^31 limit.
 */
export const LIFE_SEQS = 2 ** 26;

/** Devices [from, from + count) of the fleet. */
export interface DeviceRange {
  from: number;
  count: number;
}

/**
 * Written when an anomaly starts (endMs = planned end) and written again with the same id if it
 * ends early (the run stopped): the last record for an id wins.
 */
export interface AnomalyRecord {
  type: "anomaly";
  run: string;
  id: number;
  kind: string;
  startMs: number;
  endMs: number;
  /** Devices hit; the whole fleet for fleet-wide kinds. */
  devices: DeviceRange;
  /** Only this topic's records were touched (name on the broker); all topics when absent. */
  topic?: string;
  magnitude: number;
  /** Who asked: "key", "stdin", "timeline", ... */
  source: string;
  /** The instance that injected it: only its devices in the range were hit. */
  segment?: string;
  /** The restarted instance's life that wrote it (absent for the first start). */
  life?: number;
}

export interface TopicTotals {
  name: string;
  /**
   * Records handed to the producer (= acked + failed + unsent): duplicate copies count, dropped
   * records do not. `surge verify` relies on this: sequence numbers built = generated -
   * duplicated + dropped.
   */
  generated: number;
  acked: number;
  failed: number;
  unsent: number;
  /** Records built but deliberately not sent (dropout). */
  dropped: number;
  /** Extra copies sent on purpose (duplicate). */
  duplicated: number;
}

/** Written once after the final flush. */
export interface RunEndRecord {
  type: "run-end";
  run: string;
  endedMs: number;
  topics: TopicTotals[];
  /** The instance whose totals these are (a split run writes one run-end per instance). */
  segment?: string;
  /** The restarted instance's life that wrote it (absent for the first start). */
  life?: number;
}

/** [partition, first acked offset, last acked offset, records acked] of one partition in one interval. */
export type AckedSpan = [number, number, number, number];

/**
 * Written every ACKED_OFFSETS_EVERY_MS while records are acked, and once more before run-end:
 * per partition, the offsets the broker's acks returned between fromMs and toMs. `surge verify`
 * compares them with each partition's log start offset to tell records retention deleted (aged
 * out) from lost ones, and to find the offsets of a time window (--since/--until).
 */
export interface AckedOffsetsRecord {
  type: "acked-offsets";
  run: string;
  fromMs: number;
  toMs: number;
  /** Topic name → one span per partition acked in the interval. */
  topics: Record<string, AckedSpan[]>;
  /** The instance of a split run that wrote it. */
  segment?: string;
  /** The restarted instance's life that wrote it (absent for the first start). */
  life?: number;
}

export type TruthRecord = RunStartRecord | AnomalyRecord | RunEndRecord | AckedOffsetsRecord;
