/** The run's latest events (anomalies started and ended, rate profile, timeline steps), newest last. */
import type { RunEvent } from "../../engine/snapshot.ts";
import { duration } from "../../report/format.ts";
import type { Theme } from "../theme.ts";
import type { Line } from "./line.ts";
import { line, seg } from "./line.ts";

export function eventLines(events: readonly RunEvent[], rows: number, theme: Theme): Line[] {
  const shown = events.slice(Math.max(0, events.length - rows));
  // seq counts every event of the run; the snapshot keeps only the last 50.
  const total = events.at(-1)?.seq ?? 0;
  const title = line(seg(`events${total > 0 ? ` (${total})` : ""}`, { color: theme.accent }));
  if (shown.length === 0) return [title, line(seg("  none", { dim: theme.dim }))];
  const times = shown.map((e) => duration(e.elapsedMs));
  const timeWidth = Math.max(...times.map((t) => t.length));
  return [
    title,
    ...shown.map((e, i) => line(seg(`  ${(times[i] ?? "").padStart(timeWidth)}`, { dim: theme.dim }), ` ${e.message}`)),
  ];
}
