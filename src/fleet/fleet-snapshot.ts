/**
 * surge watch's dashboard feed: the fleet view's merged numbers in the run's Snapshot shape, so the
 * run dashboard draws a fleet as it draws one process. Nothing is merged here (FleetView adds the
 * histograms up); rates come from the merged counts between two snapshots.
 */
import type { RunState, Snapshot, TopicSnapshot } from "../engine/snapshot.ts";
import type { FleetView, InstanceRow } from "./fleet-view.ts";
import { deliveryTotals } from "./merge-snapshots.ts";

/** Seconds of per-topic rate history the sparklines show (as the engine keeps). */
const HISTORY = 60;
/** Rates are taken over this long (several intervals of every instance), sampled this often. */
const RATE_WINDOW_MS = 3000;
const SAMPLE_MS = 250;

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
  private readonly samples = new Map<string, Sample[]>();
  private readonly history = new Map<string, { atMs: number; values: number[] }>();
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
        history: this.history.get(t.name)?.values ?? [],
        dropped: 0,
        duplicated: 0,
      };
    });
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
      totals: deliveryTotals(topics),
      topics,
      errors: [],
      anomalies: [],
      events,
      notice,
      intervals: [],
    });
  }

  /** The target is the fleet's, alike on every instance: the latest one heard (a command may be under way). */
  private targetRate(rows: readonly InstanceRow[]): number | "max" {
    return rows.reduce((a, r) => (r.lastSeenMs > a.lastSeenMs ? r : a)).targetRate;
  }

  /**
   * Acked/s over the last RATE_WINDOW_MS of merged counts: instances report once an interval, each
   * at its own moment, so a rate between two polls would jump between 0 and double.
   */
  private rateOf(name: string, acked: number, bytes: number, nowMs: number): { perSec: number; mbPerSec: number } {
    const samples = this.samples.get(name) ?? [];
    if (samples.length === 0 || nowMs - (samples.at(-1) as Sample).atMs >= SAMPLE_MS)
      samples.push({ atMs: nowMs, acked, bytes });
    while (samples.length > 2 && nowMs - (samples[1] as Sample).atMs >= RATE_WINDOW_MS) samples.shift();
    this.samples.set(name, samples);
    const oldest = samples[0] as Sample;
    const seconds = (nowMs - oldest.atMs) / 1000;
    const rate =
      seconds > 0
        ? {
            perSec: Math.max(0, (acked - oldest.acked) / seconds),
            mbPerSec: Math.max(0, (bytes - oldest.bytes) / seconds / 1e6),
          }
        : { perSec: 0, mbPerSec: 0 };
    const history = this.history.get(name) ?? { atMs: nowMs, values: [] };
    if (nowMs - history.atMs >= 1000) {
      history.atMs = nowMs;
      history.values = [...history.values, rate.perSec].slice(-HISTORY);
    }
    this.history.set(name, history);
    return rate;
  }
}
