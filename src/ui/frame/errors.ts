/** Distinct delivery errors: code, topic, how many, how long ago last seen, the broker's words. */
import type { ErrorSnapshot } from "../../engine/snapshot.ts";
import { compact, span } from "../cells.ts";
import type { Theme } from "../theme.ts";
import type { Line } from "./line.ts";
import { line, seg } from "./line.ts";

export function errorLines(errors: readonly ErrorSnapshot[], nowMs: number, rows: number, theme: Theme): Line[] {
  const shown = errors.slice(0, rows);
  const more = errors.length - shown.length;
  const title = line(
    seg(`errors${errors.length > 0 ? ` (${errors.length} distinct${more > 0 ? `, ${more} not shown` : ""})` : ""}`, {
      color: errors.length > 0 ? theme.bad : theme.accent,
    }),
  );
  if (shown.length === 0) return [title, line(seg("  none", { dim: theme.dim }))];
  return [
    title,
    ...shown.map((e) =>
      line(
        seg(`  ${e.code}`, { color: theme.bad }),
        ` ×${compact(e.count)} ${e.topic} ${span(nowMs - e.lastSeenMs)} ago: ${e.message}`,
      ),
    ),
  ];
}
