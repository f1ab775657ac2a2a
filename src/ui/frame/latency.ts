/**
 * The HDR percentile distribution of the selected topic since the start (or the last reset),
 * as bars: send→ack latency, or lateness against the intended send time.
 */
import type { TopicSnapshot } from "../../engine/snapshot.ts";
import type { E2eSnapshot } from "../../engine/read-back-port.ts";
import { e2eViewStats } from "./e2e-view.ts";
import { ms, thousands } from "../../report/format.ts";
import { tail } from "../cells.ts";
import { bar } from "../charts.ts";
import type { Theme } from "../theme.ts";
import type { LatencyView } from "../ui-state.ts";
import type { Line } from "./line.ts";
import { line, seg } from "./line.ts";

const LABEL_WIDTH = 7;
const VALUE_WIDTH = 10;

export function latencyLines(
  topic: TopicSnapshot | undefined,
  view: LatencyView,
  width: number,
  theme: Theme,
  e2e?: E2eSnapshot,
): Line[] {
  const picked =
    view === "latency" || view === "late"
      ? { stats: topic ? topic[view] : undefined, what: view === "latency" ? "send→ack" : "lateness" }
      : e2eViewStats(topic?.name ?? "", view, e2e);
  const { stats, what } = picked;
  const head = `${what} ms · `;
  const fullName = topic?.name ?? "no topic";
  // The sample count goes first when the name would not fit beside it.
  const count = stats ? ` · ${thousands(stats.count)} samples` : "";
  const samples = head.length + fullName.length + count.length <= width ? count : "";
  const name = tail(fullName, Math.max(8, width - head.length));
  const title = line(seg(head + name, { color: theme.accent }), seg(samples, { dim: theme.dim }));
  if (!stats) return [title];
  const full = stats.max;
  const barWidth = Math.max(1, width - LABEL_WIDTH - VALUE_WIDTH);
  const row = (label: string, value: number): Line =>
    line(
      label.padEnd(LABEL_WIDTH),
      seg(bar(value, full, barWidth), { color: theme.chart }),
      (stats.count > 0 ? ms(value) : "-").padStart(VALUE_WIDTH),
    );
  return [title, ...stats.distribution.map(([p, v]) => row(`p${p}`, v)), row("max", stats.max)];
}
