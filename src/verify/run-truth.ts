/**
 * The ground truth of one run, picked out of the truth topic's records: its run-start, its
 * anomalies (the last record per id wins) and its run-end if it finished. A run split over
 * instances (--segment, one --run-id) writes one start and end per instance: they are merged into
 * one run, finished only when every instance ended and their shares tile the whole fleet. An
 * instance restarted into its run (a later `life`, sequences from its `seqBase`) is kept beside its
 * earlier lives: the latest life of each share must end; an earlier one without run-end died.
 * Pure: JSON text in.
 */
import { parseSegment, tilesWhole, type Segment } from "../common/segment.ts";
import type { AckedOffsetsRecord, AnomalyRecord, RunEndRecord, RunStartRecord, TopicTotals } from "../truth/records.ts";

export interface RunTruth {
  start: RunStartRecord;
  /** By start time. */
  anomalies: AnomalyRecord[];
  /** Absent when the run has not finished (or died before writing it). */
  end: RunEndRecord | undefined;
  /** The offsets the run's acks returned, by time; empty for runs before surge recorded them. */
  acked: AckedOffsetsRecord[];
  /** The instances' shares of a split run ("0:1/3", ...), in start order; empty for a whole run. */
  segments?: string[];
  /** Every life of every instance, by share then life; only when some instance was restarted. */
  lives?: LifeTruth[];
}

/** One start of one instance (its share, "" for a whole run) and how it ended. */
export interface LifeTruth {
  segment: string;
  /** 0 for the first start. */
  life: number;
  seqBase: number;
  startedMs: number;
  /** It wrote its run-end. */
  ended: boolean;
  /** No run-end and a later life of the same share started: it died (or was killed). */
  died: boolean;
  /** "topic/partition" → the highest offset its acked-offsets records say was acked. */
  lastAcked: Record<string, number>;
}

export type RunChoice = { truth: RunTruth } | { problem: string };

export class TruthCollector {
  /** Per run, per instance ("" for a whole run): its run-start, run-end and anomalies by id. */
  private readonly starts = new Map<string, Map<string, RunStartRecord>>();
  private readonly anomalies = new Map<string, Map<string, AnomalyRecord>>();
  private readonly ends = new Map<string, Map<string, RunEndRecord>>();
  private readonly acked = new Map<string, AckedOffsetsRecord[]>();
  /** Values that are not truth records (counted, never fatal: the topic is shared). */
  unreadable = 0;

  /** One record value, in topic order. */
  add(value: string): void {
    const record = parse(value);
    if (!record) {
      this.unreadable++;
      return;
    }
    const segment = lifeKey(record.segment ?? "", record.life ?? 0);
    if (record.type === "run-start") inner(this.starts, record.run).set(segment, record);
    else if (record.type === "run-end") inner(this.ends, record.run).set(segment, record);
    else if (record.type === "acked-offsets") {
      // A split run's instances each write theirs: together they are the run's.
      const list = this.acked.get(record.run);
      if (list) list.push(record);
      else this.acked.set(record.run, [record]);
    } else inner(this.anomalies, record.run).set(`${segment}#${record.id}`, record);
  }

  /** Every run that wrote a run-start, oldest first (a split run once, as its first instance's). */
  runs(): RunStartRecord[] {
    return [...this.starts.values()]
      .map(firstStart)
      .sort((a, b) => a.startedMs - b.startedMs || a.run.localeCompare(b.run));
  }

  /** The run asked for, or the latest one when none is named. */
  choose(runId: string | undefined, topic: string): RunChoice {
    const runs = this.runs();
    const start = runId === undefined ? runs.at(-1) : runs.find((r) => r.run === runId);
    if (!start) {
      if (runs.length === 0)
        return { problem: `no surge run has written ground truth to topic ${topic} (check --anomalies-topic)` };
      const recent = runs
        .slice(-3)
        .map((r) => r.run)
        .join(", ");
      return { problem: `no run ${JSON.stringify(runId)} in topic ${topic}; the latest runs there: ${recent}` };
    }
    const anomalies = [...(this.anomalies.get(start.run)?.values() ?? [])].sort(
      (a, b) => a.startMs - b.startMs || a.id - b.id,
    );
    const starts = this.starts.get(start.run) as Map<string, RunStartRecord>;
    const segments = [...new Set([...starts.keys()].map(shareOf))].filter((k) => k !== "");
    const acked = [...(this.acked.get(start.run) ?? [])].sort((a, b) => a.fromMs - b.fromMs);
    const ends = this.ends.get(start.run);
    const restarted = [...starts.values()].some((r) => (r.life ?? 0) > 0);
    return {
      truth: {
        start,
        anomalies,
        end: mergedEnd(starts, ends),
        acked,
        segments,
        ...(restarted ? { lives: livesOf(starts, ends, acked) } : {}),
      },
    };
  }
}

/** The key of one life of one share: the share alone for a first start (as before lives existed). */
const lifeKey = (segment: string, life: number): string => (life > 0 ? `${segment}@${life}` : segment);
const shareOf = (key: string): string => key.replace(/@\d+$/, "");

function livesOf(
  starts: Map<string, RunStartRecord>,
  ends: Map<string, RunEndRecord> | undefined,
  acked: readonly AckedOffsetsRecord[],
): LifeTruth[] {
  const lives = [...starts.values()]
    .map((r) => ({ segment: r.segment ?? "", life: r.life ?? 0, seqBase: r.seqBase ?? 0, startedMs: r.startedMs }))
    .sort((a, b) => a.segment.localeCompare(b.segment) || a.life - b.life);
  return lives.map((l) => {
    const key = lifeKey(l.segment, l.life);
    const ended = ends?.has(key) ?? false;
    const later = lives.some((o) => o.segment === l.segment && o.life > l.life);
    const lastAcked: Record<string, number> = {};
    for (const a of acked) {
      if ((a.segment ?? "") !== l.segment || (a.life ?? 0) !== l.life) continue;
      for (const [topic, spans] of Object.entries(a.topics)) {
        for (const [partition, , last] of spans) {
          const at = `${topic}/${partition}`;
          lastAcked[at] = Math.max(lastAcked[at] ?? -1, last);
        }
      }
    }
    return { ...l, ended, died: !ended && later, lastAcked };
  });
}

function inner<V>(outer: Map<string, Map<string, V>>, run: string): Map<string, V> {
  let m = outer.get(run);
  if (!m) outer.set(run, (m = new Map()));
  return m;
}

/** The earliest instance's start stands for the run (the same scenario, seed and fleet in all). */
function firstStart(starts: Map<string, RunStartRecord>): RunStartRecord {
  return [...starts.values()].reduce((a, b) => (b.startedMs < a.startedMs ? b : a));
}

/**
 * One run-end for the run: a whole run's own; a split run's totals added up, but only when the
 * latest life of every instance that started has ended and their shares cover the whole fleet
 * (else: not finished). An earlier life that died wrote no run-end: it adds nothing.
 */
function mergedEnd(
  starts: Map<string, RunStartRecord>,
  ends: Map<string, RunEndRecord> | undefined,
): RunEndRecord | undefined {
  if (!ends) return undefined;
  if (starts.has("") && starts.size === 1) return ends.get("");
  const latest = new Map<string, string>();
  for (const [key, r] of starts) {
    const share = shareOf(key);
    const known = latest.get(share);
    if (known === undefined || (starts.get(known)?.life ?? 0) < (r.life ?? 0)) latest.set(share, key);
  }
  if (!latest.has("") || latest.size > 1) {
    const shares = [...latest.keys()]
      .map((k) => parseSegment(k))
      .filter((p): p is { ok: true; value: Segment } => p.ok)
      .map((p) => p.value);
    if (shares.length !== latest.size || !tilesWhole(shares)) return undefined;
  }
  if ([...latest.values()].some((k) => !ends.has(k))) return undefined;
  const all = [...ends.values()];
  if (all.length === 1) return all[0];
  const byTopic = new Map<string, TopicTotals>();
  for (const end of all) {
    for (const t of end.topics) {
      const sum = byTopic.get(t.name);
      if (!sum) byTopic.set(t.name, { ...t });
      else for (const k of ["generated", "acked", "failed", "unsent", "dropped", "duplicated"] as const) sum[k] += t[k];
    }
  }
  const first = all[0] as RunEndRecord;
  return {
    type: "run-end",
    run: first.run,
    endedMs: Math.max(...all.map((e) => e.endedMs)),
    topics: [...byTopic.values()],
  };
}

function parse(value: string): RunStartRecord | AnomalyRecord | RunEndRecord | AckedOffsetsRecord | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r["run"] !== "string") return undefined;
  switch (r["type"]) {
    case "run-start":
      return Array.isArray(r["topics"]) && isCount(r["devices"]) && typeof r["startedMs"] === "number"
        ? (r as unknown as RunStartRecord)
        : undefined;
    case "anomaly":
      return typeof r["id"] === "number" &&
        typeof r["kind"] === "string" &&
        typeof r["startMs"] === "number" &&
        typeof r["endMs"] === "number" &&
        isRange(r["devices"])
        ? (r as unknown as AnomalyRecord)
        : undefined;
    case "run-end":
      return Array.isArray(r["topics"]) ? (r as unknown as RunEndRecord) : undefined;
    case "acked-offsets":
      return typeof r["topics"] === "object" &&
        r["topics"] !== null &&
        typeof r["fromMs"] === "number" &&
        typeof r["toMs"] === "number"
        ? (r as unknown as AckedOffsetsRecord)
        : undefined;
    default:
      return undefined;
  }
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

function isRange(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  const d = v as Record<string, unknown>;
  return isCount(d["from"]) && isCount(d["count"]);
}
