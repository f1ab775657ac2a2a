/** One row per topic: throughput and latency of the last interval, delivery counts of the run. */
import type { TopicSnapshot } from "../../engine/snapshot.ts";
import type { E2eSnapshot } from "../../engine/read-back-port.ts";
import { e2eP99 } from "./e2e-view.ts";
import { mbps, ms, thousands } from "../../report/format.ts";
import { compact } from "../cells.ts";
import type { Theme } from "../theme.ts";
import type { Line } from "./line.ts";
import type { Cell, Column } from "./table.ts";
import { tableLines } from "./table.ts";

export const TOPIC_COLUMNS: readonly Column[] = [
  { header: "  topic", width: 13, align: "left", flex: true },
  { header: "msgs/s", width: 9, align: "right" },
  { header: "MB/s", width: 7, align: "right", drop: 2 },
  { header: "acked", width: 11, align: "right" },
  { header: "failed", width: 8, align: "right", drop: 3 },
  { header: "in flight", width: 10, align: "right", drop: 1 },
  { header: "p50", width: 7, align: "right", drop: 4 },
  { header: "p99", width: 7, align: "right" },
  { header: "max ms", width: 8, align: "right" },
];

/** With --e2e: p99 send→readable of the last interval (kept longer than p50 and MB/s). */
const E2E_COLUMN: Column = { header: "e2e p99", width: 9, align: "right", drop: 5 };

/** The topic's name, with its format when that is not JSON: "device-data [avro]". */
const labelOf = (t: TopicSnapshot): string => (t.format ? `${t.name} [${t.format}]` : t.name);

/** Past this, a long name is cut (its start: prefixes are alike) rather than dropping more columns. */
const MAX_NAME = 24;

export function topicTableLines(
  topics: readonly TopicSnapshot[],
  selected: number,
  width: number,
  theme: Theme,
  e2e?: E2eSnapshot,
): Line[] {
  const readBack = e2e !== undefined && e2e.topics.length > 0;
  const rows = topics.map((t, i): Cell[] => {
    const w = t.window;
    const e2eCell: Cell[] = readBack
      ? [{ text: ((p99) => (p99 === undefined ? "-" : ms(p99)))(e2eP99(t.name, e2e)) }]
      : [];
    return [
      { lead: i === selected ? "› " : "  ", text: labelOf(t), color: i === selected ? theme.accent : undefined },
      { text: thousands(w.ackedPerSec) },
      { text: mbps(w.mbPerSec) },
      { text: compact(t.acked) },
      { text: compact(t.failed), color: t.failed > 0 ? theme.bad : undefined },
      { text: compact(t.inFlight) },
      { text: ms(w.latency.p50) },
      { text: ms(w.latency.p99) },
      { text: ms(w.latency.max) },
      ...e2eCell,
    ];
  });
  // Long topic names (prefixes) push out the least useful columns before they get cut.
  let longest = 0;
  for (const t of topics) longest = Math.max(longest, labelOf(t).length);
  const columns = [...TOPIC_COLUMNS, ...(readBack ? [E2E_COLUMN] : [])].map((c) =>
    c.flex ? { ...c, want: Math.min(longest + 2, MAX_NAME) } : c,
  );
  return tableLines(columns, rows, width, { color: theme.accent });
}
