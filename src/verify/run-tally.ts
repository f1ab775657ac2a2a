/**
 * Counts what arrived for one run, record by record, as the reader hands them over: received,
 * new vs duplicate sequence numbers, out-of-order within a partition. Nothing per record is kept;
 * holes are found at the end from ReceivedSeqs.
 */
import { arrivesLate, PartitionOrder } from "./partition-order.ts";
import { MAX_SEQ, ReceivedSeqs } from "./received-seqs.ts";

/** One record's ground-truth headers, decoded; reused between records. */
export interface RecordFacts {
  /** The surge-run header is this run's id. */
  ours: boolean;
  /** surge-device and surge-seq as numbers; -1 when absent or not a whole number. */
  device: number;
  seq: number;
  /** The surge-anomaly header, undefined when absent. */
  anomaly: string | undefined;
  /** The record's timestamp (set by the producer when it sent it), ms. */
  timestampMs: number;
}

export interface TopicCounts {
  /** Records of this run. */
  received: number;
  /** Different sequence numbers among them. */
  distinct: number;
  duplicates: number;
  /** Duplicates marked with the duplicate anomaly. */
  duplicatesInjected: number;
  outOfOrder: number;
  /** Out-of-order records marked with an anomaly that shifts time (late, clock-skew). */
  outOfOrderInjected: number;
  /** Records of this run whose device or sequence header is missing or out of range. */
  unreadable: number;
  /** Records of other runs (or with no surge-run header) in the same topic, skipped. */
  otherRuns: number;
}

const TIME_KINDS = ["late", "clock-skew"];

export class RunTally {
  readonly seqs: ReceivedSeqs;
  readonly order: PartitionOrder;
  readonly topics: TopicCounts[];

  constructor(
    readonly runId: string,
    readonly devices: number,
    topicCount: number,
  ) {
    this.seqs = new ReceivedSeqs(devices * topicCount);
    this.order = new PartitionOrder(devices);
    this.topics = Array.from({ length: topicCount }, () => ({
      received: 0,
      distinct: 0,
      duplicates: 0,
      duplicatesInjected: 0,
      outOfOrder: 0,
      outOfOrderInjected: 0,
      unreadable: 0,
      otherRuns: 0,
    }));
  }

  /** Slot of (topic, device) in ReceivedSeqs. */
  slot(topic: number, device: number): number {
    return topic * this.devices + device;
  }

  /** `partitionState` comes from this.order.partition(topic, partition). */
  add(topic: number, partitionState: Int32Array, r: RecordFacts): void {
    const counts = this.topics[topic];
    if (!counts) return;
    if (!r.ours) {
      counts.otherRuns++;
      return;
    }
    counts.received++;
    const { device, seq } = r;
    if (device < 0 || device >= this.devices || seq < 0 || seq > MAX_SEQ) {
      counts.unreadable++;
      return;
    }
    const late = arrivesLate(partitionState, device, seq);
    if (!this.seqs.add(this.slot(topic, device), seq, r.timestampMs)) {
      counts.duplicates++;
      if (hasKind(r.anomaly, "duplicate")) counts.duplicatesInjected++;
      return;
    }
    counts.distinct++;
    if (late) {
      counts.outOfOrder++;
      if (TIME_KINDS.some((k) => hasKind(r.anomaly, k))) counts.outOfOrderInjected++;
    }
  }
}

/** A non-negative decimal integer, else -1. */
export function wholeNumber(text: string | undefined): number {
  if (text === undefined || text === "" || text.length > 10) return -1;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

export function hasKind(header: string | undefined, kind: string): boolean {
  return header !== undefined && header.split(",").some((k) => k.trim() === kind);
}
