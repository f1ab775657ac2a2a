/**
 * Splits what a topic is missing, duplicated or reordered into "injected on purpose" (the ground
 * truth says so) and "unexplained". Pure: the tally, the anomalies and the run-end totals in,
 * plain numbers out.
 */
import { owns, parseSegment, type Segment } from "../common/segment.ts";
import type { AnomalyRecord, TopicTotals } from "../truth/records.ts";
import { isCompacted, type TopicBelowStart, type TopicRetention } from "./aged-out.ts";
import type { Gap } from "./received-seqs.ts";
import type { RunTally } from "./run-tally.ts";

/**
 * How far a record's timestamp (when it was sent) may trail the moment it was built: a hole is
 * matched to a dropout window when the records around it were sent within this much of it.
 */
export const DROPOUT_SLACK_MS = 1000;
/** Unexplained holes listed by name in the report. */
export const MAX_EXAMPLES = 5;

export interface MissingAccount {
  /** Sequence numbers that never arrived. */
  total: number;
  /** Of those, holes below a device's highest received sequence number. */
  inGaps: number;
  /** Of those, after each device's last received record (known only from the run-end totals). */
  afterLast: number | undefined;
  holes: number;
  /** Dropped on purpose (dropout). */
  injected: number;
  /** Acked, then deleted by the topic's retention (below the log start, retention explains it). */
  agedOut: number;
  /** Holes in a compacted topic: only the last record per key is kept. */
  compacted: number;
  /** Reported by the run itself as failed or unsent, and not in Kafka. */
  notAcked: number;
  /**
   * Counted failed or unsent by the run but in Kafka after all (a request that timed out or lost
   * its connection after the broker wrote it): neither loss nor duplicates. Known from counts, so
   * a lower bound when acked records are missing at the same time.
   */
  indeterminate: number;
  unexplained: number;
  /** The first holes no dropout window explains. */
  examples: Array<{ device: number; from: number; to: number }>;
}

export interface CountAccount {
  total: number;
  injected: number;
  unexplained: number;
}

export interface TopicVerdict {
  name: string;
  role: string;
  received: number;
  distinct: number;
  /** Sequence numbers the run built for this topic (run-end totals), undefined without them. */
  built: number | undefined;
  /** Distinct records beyond what the run says it built (should be 0). */
  extra: number;
  unreadable: number;
  otherRuns: number;
  missing: MissingAccount;
  duplicates: CountAccount;
  outOfOrder: CountAccount;
  /** The topic's retention settings; undefined when the broker did not say. */
  retention: TopicRetention | undefined;
  /** Acked records below the log start; undefined when the log start was not compared. */
  belowStart: TopicBelowStart | undefined;
  /** --since/--until: records of the run acked in the window (its acked-offsets intervals). */
  ackedInWindow?: number;
  /** Per instance life that died (restarted runs only): what arrived of it and what was in flight. */
  died?: DiedLife[];
}

/** What arrived on a topic from one life of an instance that died without run-end. */
export interface DiedLife {
  /** Its share ("" for a whole run) and life (0: the first start). */
  segment: string;
  life: number;
  distinct: number;
  /** In Kafka beyond the offsets it recorded as acked: in flight when it died (neither lost nor duplicated). */
  inFlight: number;
}

/**
 * Sequence numbers built for a topic: records sent (copies included) minus the extra copies,
 * plus the ones built but deliberately not sent.
 */
export function builtCount(t: TopicTotals): number {
  return t.generated - t.duplicated + t.dropped;
}

export interface AttributeInput {
  tally: RunTally;
  topic: number;
  name: string;
  role: string;
  anomalies: readonly AnomalyRecord[];
  totals: TopicTotals | undefined;
  retention?: TopicRetention | undefined;
  belowStart?: TopicBelowStart | undefined;
  /** Set for --since/--until: what the run's acks say was written in the window. */
  ackedInWindow?: number | undefined;
}

export function attributeTopic(input: AttributeInput): TopicVerdict {
  const { tally, topic, name, role, anomalies, totals, retention, belowStart } = input;
  const counts = tally.topics[topic];
  if (!counts) throw new Error(`no topic ${topic} in the tally`);
  const dropouts = anomalies.filter((a) => a.kind === "dropout" && (a.topic === undefined || a.topic === name));
  const inWindow = input.ackedInWindow !== undefined;
  const holes = holesOf(tally, topic, dropouts, inWindow);
  if (input.ackedInWindow !== undefined) return windowVerdict(input, input.ackedInWindow, holes);

  const built = totals ? builtCount(totals) : undefined;
  // A life that died wrote no run-end, so `built` has none of its records: leave them out here.
  const died = diedLives(tally, topic);
  const seen = counts.distinct + holes.inGaps - sum(died, "distinct") - holes.inDeadGaps;
  const afterLast = built === undefined ? undefined : Math.max(0, built - seen);
  const extra = built === undefined ? 0 : Math.max(0, seen - built);
  const total = holes.inGaps + (afterLast ?? 0);
  // A dropout still on when the run stopped leaves its hole after the last record, so those count
  // as candidates too; the run's own dropped count caps what injection can explain.
  const candidates = holes.matched + (afterLast ?? 0);
  const injected = totals ? Math.min(totals.dropped, candidates) : holes.matched;
  // Records retention deleted were acked, so they are neither injected nor failed.
  const agedOut = Math.min(belowStart?.agedOut ?? 0, total - injected);
  // A compacted topic keeps the last record per key (a device's records share its key): holes
  // below a device's last record are what compaction does; a missing last record is still loss.
  const compacted =
    retention && isCompacted(retention)
      ? Math.min(Math.max(0, holes.inGaps - holes.matched), total - injected - agedOut)
      : 0;
  const notAcked = totals ? Math.min(totals.failed + totals.unsent, total - injected - agedOut - compacted) : 0;
  const indeterminate = totals ? totals.failed + totals.unsent - notAcked : 0;

  return {
    name,
    role,
    received: counts.received,
    distinct: counts.distinct,
    built,
    extra,
    unreadable: counts.unreadable,
    otherRuns: counts.otherRuns,
    missing: {
      total,
      inGaps: holes.inGaps,
      afterLast,
      holes: holes.count,
      injected,
      agedOut,
      compacted,
      notAcked,
      indeterminate,
      unexplained: total - injected - agedOut - compacted - notAcked,
      examples: holes.examples,
    },
    duplicates: account(counts.duplicates, counts.duplicatesInjected),
    outOfOrder: account(counts.outOfOrder, counts.outOfOrderInjected),
    retention,
    belowStart,
    ...(died.length > 0 ? { died } : {}),
  };
}

function diedLives(tally: RunTally, topic: number): DiedLife[] {
  return (tally.lives?.dead ?? []).map((l, d) => ({
    segment: l.segment,
    life: l.life,
    distinct: tally.died[topic]?.[d]?.distinct ?? 0,
    inFlight: tally.died[topic]?.[d]?.inFlight ?? 0,
  }));
}

const sum = (lives: readonly DiedLife[], key: "distinct" | "inFlight"): number => lives.reduce((n, l) => n + l[key], 0);

function account(total: number, injected: number): CountAccount {
  return { total, injected, unexplained: total - injected };
}

interface Holes {
  count: number;
  inGaps: number;
  /** Of inGaps, holes in lives that died (their run-end is missing, so not in `built`). */
  inDeadGaps: number;
  matched: number;
  examples: MissingAccount["examples"];
}

/**
 * A window of a run is judged by count: every record acked in it should be read (dropped records
 * were never sent, so never acked). Holes before a device's first record in the window are the
 * window's edge, not holes.
 */
function windowVerdict(input: AttributeInput, acked: number, holes: Holes): TopicVerdict {
  const { tally, topic, name, role, retention, belowStart } = input;
  const counts = tally.topics[topic]!;
  const total = Math.max(0, acked - counts.distinct);
  const agedOut = Math.min(belowStart?.agedOut ?? 0, total);
  const compacted = retention && isCompacted(retention) ? total - agedOut : 0;
  return {
    name,
    role,
    received: counts.received,
    distinct: counts.distinct,
    built: undefined,
    extra: 0,
    unreadable: counts.unreadable,
    otherRuns: counts.otherRuns,
    missing: {
      total,
      inGaps: holes.inGaps,
      afterLast: undefined,
      holes: holes.count,
      injected: 0,
      agedOut,
      compacted,
      notAcked: 0,
      indeterminate: 0,
      unexplained: total - agedOut - compacted,
      examples: holes.examples,
    },
    duplicates: account(counts.duplicates, counts.duplicatesInjected),
    outOfOrder: account(counts.outOfOrder, counts.outOfOrderInjected),
    retention,
    belowStart,
    ackedInWindow: acked,
  };
}

function holesOf(tally: RunTally, topic: number, dropouts: readonly AnomalyRecord[], window = false): Holes {
  const out: Holes = { count: 0, inGaps: 0, inDeadGaps: 0, matched: 0, examples: [] };
  const bases = tally.lives?.bases ?? [0];
  const lives = bases.map((base, life) => ({
    base,
    life,
    first: tally.slot(topic, 0, life),
    last: tally.slot(topic, tally.devices - 1, life),
  }));
  for (const slot of tally.seqs.slotsWithGaps()) {
    const of = lives.find((l) => slot >= l.first && slot <= l.last);
    if (!of) continue;
    const device = slot - of.first;
    const dead = (tally.lives?.deadLife(device, of.life) ?? -1) >= 0;
    for (const gap of tally.seqs.gaps(slot)) {
      if (window && gap.from === 0 && Number.isNaN(gap.tsBefore)) continue;
      const size = gap.to - gap.from;
      out.count++;
      out.inGaps += size;
      if (dead) out.inDeadGaps += size;
      if (dropouts.some((a) => explains(a, device, gap))) out.matched += size;
      else if (out.examples.length < MAX_EXAMPLES)
        out.examples.push({ device, from: gap.from + of.base, to: gap.to + of.base });
    }
  }
  return out;
}

/** The device was silenced and the records either side of the hole straddle the dropout window. */
export function explains(a: AnomalyRecord, device: number, gap: Gap): boolean {
  if (device < a.devices.from || device >= a.devices.from + a.devices.count) return false;
  if (!ranByInjector(a, device)) return false;
  const sentBeforeEnd = Number.isNaN(gap.tsBefore) || gap.tsBefore <= a.endMs + DROPOUT_SLACK_MS;
  const sentAfterStart = Number.isNaN(gap.tsAfter) || gap.tsAfter >= a.startMs - DROPOUT_SLACK_MS;
  return sentBeforeEnd && sentAfterStart;
}

const segments = new WeakMap<AnomalyRecord, Segment | null>();

/** An instance of a split run injects into its own devices only (the range is the fleet's). */
function ranByInjector(a: AnomalyRecord, device: number): boolean {
  if (a.segment === undefined) return true;
  let segment = segments.get(a);
  if (segment === undefined) {
    const parsed = parseSegment(a.segment);
    segment = parsed.ok ? parsed.value : null;
    segments.set(a, segment);
  }
  return segment === null || owns(segment, device);
}
