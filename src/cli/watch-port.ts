/**
 * surge watch on a terminal: the fleet view as the dashboard's engine. Snapshots are the fleet's
 * merged numbers plus a row per instance; the dashboard's keys become signed fleet commands, and
 * their answers (how many instances applied each) show under the instances and as events.
 */
import type { Command, CommandResult } from "../engine/commands.ts";
import type { RunEvent, Snapshot } from "../engine/snapshot.ts";
import { FleetSnapshots } from "../fleet/fleet-snapshot.ts";
import type { FleetView, InstanceRow } from "../fleet/fleet-view.ts";
import type { FleetSteer } from "../fleet/steer.ts";
import { terminalSafe } from "../report/terminal-safe.ts";
import type { DashboardEngine } from "../ui/run-dashboard.tsx";
import type { InstanceView, WatchSnapshot } from "../ui/frame/instances.ts";

/** Events kept for the dashboard's events panel (as the engine keeps). */
const KEPT_EVENTS = 50;

/** What a command does, as the control line that asks for it would say. */
export function describeCommand(c: Command): string {
  switch (c.type) {
    case "setRate":
      return `rate ${c.rate}`;
    case "nudgeRate":
      return `rate ${c.percent > 0 ? "+" : ""}${c.percent}%`;
    case "togglePause":
      return "pause/resume";
    case "resetHistograms":
      return "reset";
    case "inject":
      return `inject ${c.anomaly.kind} ${Math.round(c.anomaly.share * 100)}% ${Math.round(c.anomaly.durationMs / 1000)}s`;
    default:
      return c.type;
  }
}

const instanceView = (r: InstanceRow): InstanceView => ({
  segment: r.segment,
  host: r.host,
  // Waiting at the start gate: it has joined the fleet.
  state: r.status === "waiting" ? "joined" : r.status,
  rate: r.rate,
  p99: r.p99,
});

export class WatchPort implements DashboardEngine {
  readonly done: Promise<Snapshot>;
  private readonly snapshots: FleetSnapshots;
  private events: RunEvent[] = [];
  private seq = 0;
  private notice: string;

  /**
   * `ended` settles when watching ends (every instance finished, or leave() was called); q and
   * Ctrl-C call `leave`: they close the watcher, the fleet keeps running.
   */
  constructor(
    private readonly view: FleetView,
    private readonly steer: FleetSteer | undefined,
    ended: Promise<unknown>,
    private readonly leave: () => void,
    private readonly now: () => number = Date.now,
  ) {
    this.snapshots = new FleetSnapshots(view, now());
    this.notice = steer
      ? `watching fleet ${view.fleet}`
      : `watching fleet ${view.fleet} (no --fleet-token: keys do not steer)`;
    this.done = ended.then(() => this.snapshot());
  }

  snapshot(): WatchSnapshot {
    const nowMs = this.now();
    for (const text of this.steer?.answered(this.view, nowMs) ?? []) this.event(nowMs, terminalSafe(text));
    const s = this.snapshots.take(nowMs, this.notice, this.events);
    return Object.freeze({
      ...s,
      fleet: {
        instances: this.view.rows(nowMs).map(instanceView),
        commands: (this.steer?.recent(this.view, nowMs) ?? []).map((t) => terminalSafe(t)),
      },
    });
  }

  dispatch(command: Command): CommandResult {
    if (command.type === "stop") {
      this.leave();
      return { ok: true, message: "leaving; the fleet keeps running" };
    }
    const steer = this.steer;
    if (!steer) return { ok: false, message: "watching only: no --fleet-token (or SURGE_FLEET_TOKEN)" };
    const what = describeCommand(command);
    steer.send(command, what).then(
      (id) => this.event(this.now(), `command ${id} (${what}): sent to fleet ${this.view.fleet}`),
      (error: unknown) =>
        this.event(
          this.now(),
          `command not sent (${what}): ${terminalSafe(error instanceof Error ? error.message : String(error))}`,
        ),
    );
    return { ok: true, message: `${what}: sending to every instance of fleet ${this.view.fleet}` };
  }

  private event(nowMs: number, message: string): void {
    this.notice = message;
    const elapsedMs = nowMs - this.snapshots.startMs;
    this.events = [...this.events, { seq: ++this.seq, elapsedMs, message }].slice(-KEPT_EVENTS);
  }
}
