/** What each steering command (commands.ts) does to a running engine's parts. */
import type { Command, CommandResult } from "./commands.ts";
import type { RateControl } from "./rate-control.ts";
import { applyRateCommand } from "./rate-commands.ts";
import type { ReadBackPort } from "./read-back-port.ts";
import type { Scheduler } from "./scheduler.ts";
import type { RunState } from "./snapshot.ts";
import type { Steering } from "./steering.ts";
import type { TopicLedger } from "./topic-ledger.ts";

export interface CommandTarget {
  nowMs: number;
  state: RunState;
  setState(state: RunState): void;
  rates: RateControl;
  scheduler: Scheduler;
  /** This instance's part of a fleet-wide rate. */
  part(rate: number | "max"): number | "max";
  /** The rate cap's notice, if the new rate hit it. */
  noteCap(): void;
  ledgers: readonly TopicLedger[];
  readBack: ReadBackPort | undefined;
  steering: Steering;
  wake(): void;
  stop(): void;
}

/** Applies `command` to a run that is not stopping. */
export function applyCommand(command: Command, t: CommandTarget): CommandResult {
  switch (command.type) {
    case "setRate":
    case "nudgeRate": {
      const wasProfile = t.rates.followsProfile;
      const result = applyRateCommand(command, t.rates.base, (r) => {
        const applied = t.rates.setByHand(r);
        t.noteCap();
        t.scheduler.setRate(t.part(t.rates.aimed()), t.nowMs);
        return applied;
      });
      if (result.ok && wasProfile) result.message += " (rate profile stopped)";
      return result;
    }
    case "pause":
      t.scheduler.pause(t.nowMs);
      t.setState("paused");
      return { ok: true, message: "paused" };
    case "resume":
      t.scheduler.resume(t.nowMs);
      t.setState("running");
      t.wake();
      return { ok: true, message: "resumed" };
    case "togglePause":
      return applyCommand({ type: t.scheduler.isPaused ? "resume" : "pause" }, t);
    case "resetHistograms":
      for (const l of t.ledgers) l.resetHistograms();
      t.readBack?.resetHistograms();
      return { ok: true, message: "histograms reset" };
    case "inject":
      if (t.state === "starting") return { ok: false, message: "not connected yet: inject once the run has started" };
      return t.steering.inject(command.anomaly, t.nowMs, command.source ?? "command");
    case "stop":
      t.stop();
      return { ok: true, message: "stopping: flushing what is in flight" };
  }
}
