/**
 * surge watch's dashboard feed: the fleet view's merged numbers in the run's Snapshot shape, so the
 * run dashboard draws a fleet as it draws one process. Nothing is merged here (FleetView adds the
 * histograms up); rates come from the merged counts between two snapshots.
 */
import type { RunState, Snapshot, TopicSnapshot } from "../engine/snapshot.ts";
import type { FleetView, InstanceRow } from "./fleet-view.ts";

/** Seconds of per-topic rate history the sparklines show (as the engine keeps). */
const HISTORY = 60;

interface Sample {
  atMs: number;
  acked: number;
  bytes: number;
}

/** The least advanced instance state, as --workers merges its workers' states. */
function fleetState(rows: readonly InstanceRow[], finished: boolean): RunState {
  if (finished) return "stopped";
  if (rows.length === 0 || rows.every((r) => r.status === "waiting")) return "starting";
  return rows.some((r) => r.status === "running" || r.status === "late") ? "running" : "stopping";
}

export class FleetSnapshots {
  private readonly last = new Map<string, Sample>();
  private readonly rates = new Map<string, { perSec: number; mbPerSec: number }>();
  private readonly history = new Map<string, number[]>();
  readonly startMs: number;

  constructor(
    private readonly view: FleetView,
    nowMs: number,
  ) {
    this.startMs = nowMs;
  }

  /** The fleet now; per-topic rates move on at most once a second (the sparklines' step). */
  take(nowMs: number, notice: string, events: Snapshot["events"]): Snapshot {
    const rows = this.view.rows(nowMs);
    const topics: TopicSnapshot[] = this.view.topics().map((t) => {
      const rate = this.rateOf(t.name, t.counts.acked, t.counts.bytes, nowMs);
      return {
        role: t.name,
        name: t.name,
        ...t.counts,
        inFlight: Math.max(0, t.counts.generated - t.counts.acked - t.counts.failed - t.counts.unsent),
        latency: t.latency,
        late: t.late,
        // The fleet view keeps whole-run histograms only: the window shows those.
        window: { ackedPerSec: rate.perSec, mbPerSec: rate.mbPerSec, latency: t.latency, late: t.late },
        history: this.history.get(t.name) ?? [],
        dropped: 0,
        duplicated: 0,
      };
    });
    const add = (k: "generated" | "acked" | "failed" | "unsent" | "inFlight" | "bytes"): number =>
      topics.reduce((a, t) => a + t[k], 0);
    const running = rows.filter((r) => r.status === "running");
    const targets = rows.filter((r) => r.status !== "gone" && r.status !== "finished");
    const ackedPerSec = topics.reduce((a, t) => a + t.window.ackedPerSec, 0);
    return Object.freeze({
      scenario: `fleet ${this.view.fleet}`,
      runId: this.view.run ?? "-",
      truthTopic: "",
      profile: "",
      brokers: [],
      seed: 0,
      connection: "connected",
      state: fleetState(rows, this.view.finished),
      takenMs: nowMs,
      // Since the watcher started: instances may have joined at different times.
      elapsedMs: nowMs - this.startMs,
      targetRate: targets.length > 0 ? this.targetRate(targets) : 0,
      effectiveRate: running.reduce((a, r) => a + r.rate, 0),
      generatedPerSec: ackedPerSec,
      ackedPerSec,
      behind: 0,
      totals: {
        generated: add("generated"),
        acked: add("acked"),
        failed: add("failed"),
        unsent: add("unsent"),
        inFlight: add("inFlight"),
        bytes: add("bytes"),
      },
      topics,
      errors: [],
      anomalies: [],
      events,
      notice,
      intervals: [],
    });
  }

  private targetRate(rows: readonly InstanceRow[]): number | "max" {
    const targets = rows.map((r) => r.targetRate);
    return targets.some((t) => t === "max") ? "max" : targets.reduce<number>((a, t) => a + (t === "max" ? 0 : t), 0);
  }

  private rateOf(name: string, acked: number, bytes: number, nowMs: number): { perSec: number; mbPerSec: number } {
    const prev = this.last.get(name);
    if (!prev) {
      this.last.set(name, { atMs: nowMs, acked, bytes });
      return { perSec: 0, mbPerSec: 0 };
    }
    const seconds = (nowMs - prev.atMs) / 1000;
    if (seconds >= 1) {
      const rate = {
        perSec: Math.max(0, (acked - prev.acked) / seconds),
        mbPerSec: Math.max(0, (bytes - prev.bytes) / seconds / 1e6),
      };
      this.rates.set(name, rate);
      this.history.set(name, [...(this.history.get(name) ?? []), rate.perSec].slice(-HISTORY));
      this.last.set(name, { atMs: nowMs, acked, bytes });
    }
    return this.rates.get(name) ?? { perSec: 0, mbPerSec: 0 };
  }
}
