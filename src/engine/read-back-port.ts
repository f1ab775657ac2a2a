/** What the read-back (--e2e) and pipeline following (--follow, src/e2e) show, and the port the engine drives them through. */
import type { ClosedHistogram, LatencyStats } from "../metrics/latency-histogram.ts";

/** Latency of one measured path, with the negative values (clock skew) kept apart, never clamped. */
export interface SkewedStats {
  stats: LatencyStats;
  /** Samples whose end came before their start: another clock was behind (counted, not in `stats`). */
  negative: number;
  /** The most negative latency seen, in ms (0 when none): the skew is at least this much. */
  mostNegativeMs: number;
}

/** One topic surge writes, read back in the same process (--e2e). */
export interface ReadBackTopic {
  name: string;
  /** Records of any kind read back from the topic since the start. */
  read: number;
  /** Records passed over unread: below 100 % sampling only the tail is read (src/e2e/tail-reader.ts). */
  skipped: number;
  /** Of those, records of this run carrying the time header: what the histograms measure. */
  sampled: number;
  /** Send (hand-over to the producer, as send→ack) → readable by a consumer; since the start. */
  sendToReadable: SkewedStats;
  /** Intended send time → readable: includes lateness; since the start. */
  intendedToReadable: SkewedStats;
  /** The same two over the last interval. */
  window: { sendToReadable: LatencyStats; intendedToReadable: LatencyStats };
}

/** One followed pipeline output (--follow OUT=IN). */
export interface FollowedTopic {
  out: string;
  in: string;
  /** "headers" (surge's headers kept by the pipeline) or the --match path. */
  by: string;
  /** Records read from the output topic. */
  read: number;
  /** Sampled records of this run read from the input topic: what is expected to come out. */
  expected: number;
  matched: number;
  /** Expected, not out yet, within --follow-grace. */
  notYetOut: number;
  /** Expected and not out after --follow-grace. */
  neverOut: number;
  /** A few of those never out: "device:seq" (headers) or the --match value. */
  neverOutExamples: readonly string[];
  /** A sampled record that came out more than once (each extra copy counted). */
  duplicated: number;
  /** Output records that match nothing this run sent (another producer, an older run). */
  foreign: number;
  /** This run's output records that were not sampled (no time header): counted, not measured. */
  unsampled: number;
  intendedToOut: SkewedStats;
  sendToOut: SkewedStats;
  window: { sendToOut: LatencyStats; intendedToOut: LatencyStats };
}

/** Another instance's clock as seen from this one (split runs: records stamped by other processes, read here). */
export interface ClockEstimate {
  /** Its clock id (its --segment, else a random id). */
  clock: string;
  /** Its sampled records read here. */
  records: number;
  /** Its fastest send→readable, as measured here across the two clocks. */
  fastestMs: number;
  /** Estimated offset: its fastest minus ours; positive when its clock is behind this one's. NaN without our own records. */
  skewMs: number;
}

export interface E2eSnapshot {
  /** Share of records stamped with the time header (1 = all). */
  sample: number;
  /** This process's clock id in `surge-at` ("" unless a split run). */
  clock: string;
  /** Fastest send→readable of this process's own records (NaN when none). */
  ownFastestMs: number;
  /** Other instances' clocks seen in what was read back, with the estimated skew. */
  clocks: readonly ClockEstimate[];
  /** Empty without --e2e. */
  topics: readonly ReadBackTopic[];
  follows: readonly FollowedTopic[];
  /** Why the read-back stopped or could not start, "" when fine. */
  problem: string;
}

/** Histograms of one closed interval: `<topic>.e2e` (send→readable), `<out>.follow` (send→out), and their intended forms. */
export interface E2eInterval {
  /** Tag stem in the interval log: "<topic>.e2e" or "<out>.follow". */
  tag: string;
  topic: string;
  send: ClosedHistogram;
  intended: ClosedHistogram;
}

/** What the engine drives: the read-back starts before generation and drains after the flush. */
export interface ReadBackPort {
  /** Stamps the time header on a record of topic `topicIndex` when it is sampled; undefined otherwise. */
  stamp(topicIndex: number, sendMs: number, intendedMs: number): string | undefined;
  /** Subscribes and waits until reading from the current end of every topic (bounded). */
  start(): Promise<void>;
  snapshot(nowMs: number): E2eSnapshot;
  closeInterval(nowMs: number): readonly E2eInterval[];
  /** The `r` key / reset command: the since-the-start histograms start again, as the ledgers' do. */
  resetHistograms(): void;
  /** Waits (bounded by --follow-grace) for what was acked to be read back and come out, then stops reading. */
  finish(): Promise<void>;
}
