/** Anomalies running now, with the time each has left. */
import type { ActiveAnomaly } from "../../engine/snapshot.ts";
import { span } from "../cells.ts";
import type { Theme } from "../theme.ts";
import type { Line } from "./line.ts";
import { line, seg } from "./line.ts";

export function anomalyLines(
  anomalies: readonly ActiveAnomaly[],
  nowMs: number,
  rows: number,
  width: number,
  theme: Theme,
): Line[] {
  const shown = anomalies.slice(0, rows);
  const more = anomalies.length - shown.length;
  const title = line(seg(`anomalies${anomalies.length > 0 ? ` (${anomalies.length})` : ""}`, { color: theme.accent }));
  if (shown.length === 0) return [title, line(seg("  none (a: inject one)", { dim: theme.dim }))];
  return [
    title,
    ...shown.map((a, i) => {
      // The time left stays at the right edge; the target is cut to make room for it.
      const left = `${span(a.endsMs - nowMs)} left${i === shown.length - 1 && more > 0 ? ` +${more}` : ""}`;
      const what = `  ${a.kind} ${a.target}`;
      return line(
        seg(what.slice(0, Math.max(0, width - left.length - 1)).padEnd(Math.max(0, width - left.length)), {
          color: theme.warn,
        }),
        left,
      );
    }),
  ];
}
