/** setRate / nudgeRate with the messages the user sees; the engine applies the result. */
import type { Command, CommandResult } from "./commands.ts";

const MIN_RATE = 0.1;
const CAPPED = " (capped: devices × maxRatePerDevice)";

/**
 * `current` is the requested target (before caps and bursts); `set` applies a new one and returns
 * what the scheduler got after the per-device cap.
 */
export function applyRateCommand(
  command: Extract<Command, { type: "setRate" | "nudgeRate" }>,
  current: number | "max",
  set: (rate: number | "max") => number | "max",
): CommandResult {
  if (command.type === "setRate") {
    if (command.rate !== "max" && !(command.rate > 0 && Number.isFinite(command.rate))) {
      return { ok: false, message: `rate must be a positive number or "max", got ${command.rate}` };
    }
    const applied = set(command.rate);
    return { ok: true, message: `target rate ${formatRate(applied)}${applied !== command.rate ? CAPPED : ""}` };
  }
  if (current === "max") return { ok: false, message: 'rate is "max": set a number first' };
  if (!Number.isFinite(command.percent)) return { ok: false, message: "rate change must be a number of percent" };
  const next = Math.max(MIN_RATE, current * (1 + command.percent / 100));
  const requested = Math.round(next * 10) / 10;
  const applied = set(requested);
  const change = `(${command.percent > 0 ? "+" : ""}${command.percent}%)`;
  return { ok: true, message: `target rate ${formatRate(applied)} ${change}${applied !== requested ? CAPPED : ""}` };
}

export const formatRate = (rate: number | "max"): string => (rate === "max" ? "max" : `${rate}/s`);
