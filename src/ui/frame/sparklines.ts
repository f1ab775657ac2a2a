/** Acked records per second of each topic over the last minute, one line per topic. */
import type { TopicSnapshot } from "../../engine/snapshot.ts";
import { short, tail } from "../cells.ts";
import { sparkline } from "../charts.ts";
import type { Theme } from "../theme.ts";
import type { Line } from "./line.ts";
import { line, seg } from "./line.ts";

const HISTORY_SECONDS = 60;
const PEAK_WIDTH = 11;

export function sparklineLines(
  topics: readonly TopicSnapshot[],
  selected: number,
  width: number,
  theme: Theme,
): Line[] {
  let longest = 0;
  for (const t of topics) longest = Math.max(longest, t.name.length);
  const label = Math.max(8, Math.min(longest + 3, 24, width - PEAK_WIDTH - 20));
  const chart = Math.max(1, Math.min(HISTORY_SECONDS, width - label - PEAK_WIDTH));
  const title = line(
    seg(`acked/s, last ${chart} s`.padEnd(label + chart) + "peak".padStart(PEAK_WIDTH), { color: theme.accent }),
  );
  return [
    title,
    ...topics.map((t, i) => {
      let peak = 0;
      for (let k = Math.max(0, t.history.length - chart); k < t.history.length; k++)
        peak = Math.max(peak, t.history[k] ?? 0);
      return line(
        seg(`${i === selected ? "› " : "  "}${tail(t.name, label - 3)}`.padEnd(label), {
          color: i === selected ? theme.accent : undefined,
        }),
        seg(sparkline(t.history, chart), { color: theme.chart }),
        seg(`${short(peak)}/s`.padStart(PEAK_WIDTH), { dim: theme.dim }),
      );
    }),
  ];
}
