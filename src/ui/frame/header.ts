/** Who and where, how fast against the target, and the status line (or the rate being typed). */
import type { Snapshot } from "../../engine/snapshot.ts";
import { duration, rate, thousands } from "../../report/format.ts";
import type { Theme } from "../theme.ts";
import type { Line } from "./line.ts";
import { line, seg } from "./line.ts";

/** Digits typed for an exact rate, when typing; else the status line. */
export function headerLines(s: Snapshot, rateBuffer: string | undefined, status: string, theme: Theme): Line[] {
  const profile = s.profile ? ` · profile ${s.profile}` : "";
  const target =
    s.effectiveRate !== s.targetRate
      ? `${rate(s.targetRate)} (aiming at ${rate(s.effectiveRate)})`
      : rate(s.targetRate);
  return [
    line(
      seg("surge", { bold: true, color: theme.accent }),
      ` ${s.scenario} · `,
      seg(s.state.toUpperCase(), { bold: true, color: stateColor(s.state, theme) }),
      ` · ${duration(s.elapsedMs)} · `,
      seg(s.connection, { color: connectionColor(s.connection, theme) }),
      ` · ${s.brokers.join(",")}`,
      brokerTrouble(s, theme),
    ),
    line(
      `target ${target}${profile} · generated ${thousands(s.generatedPerSec)} ev/s · acked ${thousands(s.ackedPerSec)} rec/s`,
      s.behind > 0 ? seg(` · behind ${thousands(s.behind)}`, { color: theme.warn }) : "",
    ),
    rateBuffer !== undefined
      ? line(seg(`set rate › ${rateBuffer}▏ Enter sets · Esc clears`, { color: theme.warn }))
      : line(seg(`› ${status}`, { dim: theme.dim })),
  ];
}

/** Brokers that do not answer, and for how long: " · broker 2 unresponsive 4.2s"; "" when all do. */
function brokerTrouble(s: Snapshot, theme: Theme): ReturnType<typeof seg> | "" {
  const down = (s.brokerStates ?? []).filter((b) => b.state !== "up");
  if (down.length === 0) return "";
  const text = down.map((b) => `broker ${b.id} ${b.state} ${duration(Math.max(0, s.takenMs - b.sinceMs))}`).join(", ");
  return seg(` · ${text}`, { color: theme.bad });
}

function connectionColor(c: Snapshot["connection"], theme: Theme): string | undefined {
  if (c === "connected" || c === "dry-run") return theme.good;
  if (c === "failed") return theme.bad;
  return theme.warn;
}

function stateColor(state: Snapshot["state"], theme: Theme): string | undefined {
  if (state === "running") return theme.good;
  if (state === "paused") return theme.warn;
  return theme.accent;
}
