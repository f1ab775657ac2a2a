/**
 * The fleet as a watcher sees it, from the instances' messages: each instance's latest counters and
 * state, and per topic the histograms added up over all instances (so merged p99 ≤ merged max,
 * always). Pure: messages and the time in, views out.
 */
import { LatencyHistogram, type LatencyStats } from "../metrics/latency-histogram.ts";
import type { FleetMessage, TopicCounts } from "./message.ts";
import { decodeTopic, TopicHistograms } from "./topic-histograms.ts";

/** Silent this long: "late"; this long: "gone" (the 5 s). */
export const LATE_MS = 2_500;
export const GONE_MS = 5_000;

export type InstanceStatus = "waiting" | "running" | "late" | "gone" | "finished";

export interface InstanceRow {
  instance: string;
  host: string;
  segment: string;
  status: InstanceStatus;
  /** It has sent numbers (it runs, or ran): past the start gate. */
  started: boolean;
  /** Acked per second over its last interval. */
  rate: number;
  acked: number;
  failed: number;
  p99: number;
  /** The fleet's target as this instance last reported it (each instance aims at its share of it). */
  targetRate: number | "max";
  lastSeenMs: number;
}

export interface TopicMerged {
  name: string;
  counts: Omit<TopicCounts, "name">;
  /** Whole run, all instances. */
  latency: LatencyStats;
  late: LatencyStats;
}

interface InstanceState {
  last: FleetMessage;
  previousAcked: number;
  previousAtMs: number;
  latency: LatencyHistogram;
  missed: number;
}

export class FleetView {
  private readonly instances = new Map<string, InstanceState>();
  private readonly merged = new TopicHistograms();
  /** Per command id: each instance's answer. */
  readonly acks = new Map<string, Map<string, { ok: boolean; message: string }>>();
  /** Messages of other runs or fleets, and repeated ones: counted, not merged. */
  ignored = 0;
  run: string | undefined;

  constructor(readonly fleet: string) {}

  add(m: FleetMessage): void {
    if (m.fleet !== this.fleet) {
      this.ignored++;
      return;
    }
    // A newer run of the same fleet replaces what was seen of an older one.
    if (this.run !== undefined && m.run !== this.run) {
      const newer = m.atMs >= Math.max(0, ...[...this.instances.values()].map((i) => i.last.atMs));
      if (!newer) {
        this.ignored++;
        return;
      }
      this.reset();
    }
    this.run = m.run;
    if (m.kind === "ack") {
      if (m.ack) {
        let answers = this.acks.get(m.ack.command);
        if (!answers) this.acks.set(m.ack.command, (answers = new Map()));
        answers.set(m.instance, { ok: m.ack.ok, message: m.ack.message });
      }
      return;
    }
    const known = this.instances.get(m.instance);
    if (known && m.seq <= known.last.seq) {
      this.ignored++; // a repeat (a producer retry): counted once
      return;
    }
    const state: InstanceState = known ?? {
      last: m,
      previousAcked: 0,
      previousAtMs: m.atMs,
      latency: new LatencyHistogram(),
      missed: 0,
    };
    if (known) {
      state.previousAcked = sumAcked(known.last.topics);
      state.previousAtMs = known.last.atMs;
      state.missed += m.seq - known.last.seq - 1;
    }
    state.last = m;
    for (const interval of m.intervals) {
      for (const t of interval.topics) {
        const decoded = decodeTopic(t);
        this.merged.add(decoded);
        decoded.latency.addInto(state.latency);
      }
    }
    this.instances.set(m.instance, state);
  }

  rows(nowMs: number): InstanceRow[] {
    return [...this.instances.values()]
      .map((s) => {
        const m = s.last;
        const silent = nowMs - m.atMs;
        const started = m.kind !== "join";
        const status: InstanceStatus =
          m.kind === "final"
            ? "finished"
            : silent >= GONE_MS
              ? "gone"
              : !started
                ? "waiting"
                : silent >= LATE_MS
                  ? "late"
                  : "running";
        const acked = sumAcked(m.topics);
        const seconds = (m.atMs - s.previousAtMs) / 1000;
        return {
          instance: m.instance,
          host: m.host,
          segment: m.segment ?? "all",
          status,
          started,
          rate: seconds > 0 ? (acked - s.previousAcked) / seconds : 0,
          acked,
          failed: m.topics.reduce((a, t) => a + t.failed, 0),
          p99: s.latency.stats().p99,
          targetRate: m.targetRate,
          lastSeenMs: m.atMs,
        };
      })
      .sort((a, b) => a.segment.localeCompare(b.segment) || a.instance.localeCompare(b.instance));
  }

  /** Per topic: counts summed over the instances' latest messages, histograms over all intervals. */
  topics(): TopicMerged[] {
    const counts = new Map<string, Omit<TopicCounts, "name">>();
    for (const s of this.instances.values()) {
      for (const t of s.last.topics) {
        const c = counts.get(t.name) ?? { generated: 0, acked: 0, failed: 0, unsent: 0, bytes: 0 };
        c.generated += t.generated;
        c.acked += t.acked;
        c.failed += t.failed;
        c.unsent += t.unsent;
        c.bytes += t.bytes;
        counts.set(t.name, c);
      }
    }
    return [...counts.entries()].map(([name, c]) => ({
      name,
      counts: c,
      latency: this.merged.latencyOf(name).stats(),
      late: this.merged.lateOf(name).stats(),
    }));
  }

  /** Every instance sent its final message. */
  get finished(): boolean {
    return this.instances.size > 0 && [...this.instances.values()].every((s) => s.last.kind === "final");
  }

  finals(): FleetMessage[] {
    return [...this.instances.values()].map((s) => s.last).filter((m) => m.kind === "final");
  }

  /** Instances of the run that have joined (waiting or past it) and not gone. */
  present(nowMs: number): InstanceRow[] {
    return this.rows(nowMs).filter((r) => r.status !== "gone");
  }

  private reset(): void {
    this.acks.clear();
    this.instances.clear();
    this.merged.clear();
  }
}

const sumAcked = (topics: readonly TopicCounts[]): number => topics.reduce((a, t) => a + t.acked, 0);
