/**
 * The ground truth of one run, picked out of the truth topic's records: its run-start, its
 * anomalies (the last record per id wins) and its run-end if it finished. Pure: JSON text in.
 */
import type { AckedOffsetsRecord, AnomalyRecord, RunEndRecord, RunStartRecord } from "../truth/records.ts";

export interface RunTruth {
  start: RunStartRecord;
  /** By start time. */
  anomalies: AnomalyRecord[];
  /** Absent when the run has not finished (or died before writing it). */
  end: RunEndRecord | undefined;
  /** The offsets the run's acks returned, by time; empty for runs before surge recorded them. */
  acked: AckedOffsetsRecord[];
}

export type RunChoice = { truth: RunTruth } | { problem: string };

export class TruthCollector {
  private readonly starts = new Map<string, RunStartRecord>();
  private readonly anomalies = new Map<string, Map<number, AnomalyRecord>>();
  private readonly ends = new Map<string, RunEndRecord>();
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
    if (record.type === "run-start") this.starts.set(record.run, record);
    else if (record.type === "run-end") this.ends.set(record.run, record);
    else if (record.type === "acked-offsets") {
      const list = this.acked.get(record.run);
      if (list) list.push(record);
      else this.acked.set(record.run, [record]);
    } else {
      let byId = this.anomalies.get(record.run);
      if (!byId) this.anomalies.set(record.run, (byId = new Map()));
      byId.set(record.id, record);
    }
  }

  /** Every run that wrote a run-start, oldest first. */
  runs(): RunStartRecord[] {
    return [...this.starts.values()].sort((a, b) => a.startedMs - b.startedMs || a.run.localeCompare(b.run));
  }

  /** The run asked for, or the latest one when none is named. */
  choose(runId: string | undefined, topic: string): RunChoice {
    const runs = this.runs();
    const start = runId === undefined ? runs.at(-1) : this.starts.get(runId);
    if (!start) {
      if (runs.length === 0) return { problem: `no surge run has written ground truth to topic ${topic} (check --anomalies-topic)` };
      const recent = runs.slice(-3).map((r) => r.run).join(", ");
      return { problem: `no run ${JSON.stringify(runId)} in topic ${topic}; the latest runs there: ${recent}` };
    }
    const anomalies = [...(this.anomalies.get(start.run)?.values() ?? [])].sort((a, b) => a.startMs - b.startMs || a.id - b.id);
    const acked = [...(this.acked.get(start.run) ?? [])].sort((a, b) => a.fromMs - b.fromMs);
    return { truth: { start, anomalies, end: this.ends.get(start.run), acked } };
  }
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
      return Array.isArray(r["topics"]) && isCount(r["devices"]) && typeof r["startedMs"] === "number" ? (r as unknown as RunStartRecord) : undefined;
    case "anomaly":
      return typeof r["id"] === "number" && typeof r["kind"] === "string" && typeof r["startMs"] === "number" &&
        typeof r["endMs"] === "number" && isRange(r["devices"]) ? (r as unknown as AnomalyRecord) : undefined;
    case "run-end":
      return Array.isArray(r["topics"]) ? (r as unknown as RunEndRecord) : undefined;
    case "acked-offsets":
      return typeof r["topics"] === "object" && r["topics"] !== null && typeof r["fromMs"] === "number" && typeof r["toMs"] === "number"
        ? (r as unknown as AckedOffsetsRecord) : undefined;
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
