/**
 * Counts what arrived for one run, record by record, as the reader hands them over: received,
 * new vs duplicate sequence numbers, out-of-order within a partition. Nothing per record is kept;
 * holes are found at the end from ReceivedSeqs. With restarted instances (a LifeBook), each life's
 * sequence numbers are counted in slots of their own, and a dead life's records are tallied apart.
 */
import type { LifeBook } from "./lives.ts";
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
  /** Where it was read; needed only for runs with restarted instances. */
  partition?: number;
  offset?: number;
}

/** What arrived of one life that died, on one topic. */
export interface DiedCounts {
  /** Distinct sequence numbers of that life. */
  distinct: number;
  /** Of those, beyond the offsets it recorded as acked: in flight when it died. */
  inFlight: number;
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
  /** Per topic, per dead life (LifeBook.dead): what arrived of it; empty without restarts. */
  readonly died: DiedCounts[][];

  constructor(
    readonly runId: string,
    readonly devices: number,
    private readonly topicCount: number,
    readonly lives?: LifeBook,
  ) {
    this.seqs = new ReceivedSeqs(devices * topicCount * (lives?.bases.length ?? 1));
    this.died = Array.from({ length: topicCount }, () => (lives?.dead ?? []).map(() => ({ distinct: 0, inFlight: 0 })));
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

  /** Slot of (topic, device) of one life (index in LifeBook.bases) in ReceivedSeqs. */
  slot(topic: number, device: number, life = 0): number {
    return (life * this.topicCount + topic) * this.devices + device;
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
    const life = this.lives ? this.lives.baseIndex(seq) : 0;
    const local = life === 0 ? seq : seq - (this.lives?.bases[life] ?? 0);
    if (!this.seqs.add(this.slot(topic, device, life), local, r.timestampMs)) {
      counts.duplicates++;
      if (hasKind(r.anomaly, "duplicate")) counts.duplicatesInjected++;
      return;
    }
    counts.distinct++;
    if (this.lives) this.addDied(topic, device, life, r);
    if (late) {
      counts.outOfOrder++;
      if (TIME_KINDS.some((k) => hasKind(r.anomaly, k))) counts.outOfOrderInjected++;
    }
  }

  private addDied(topic: number, device: number, life: number, r: RecordFacts): void {
    const book = this.lives as LifeBook;
    const dead = book.deadLife(device, life);
    const counts = this.died[topic]?.[dead];
    if (!counts) return;
    counts.distinct++;
    if (book.beyondAcked(dead, topic, r.partition ?? -1, r.offset ?? -1)) counts.inFlight++;
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
