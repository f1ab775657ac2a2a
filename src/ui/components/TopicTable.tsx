/** One row per topic: throughput and latency of the last interval, delivery counts of the run. */
import { memo } from "react";
import type { ReactElement } from "react";
import type { TopicSnapshot } from "../../engine/snapshot.ts";
import { mbps, ms, thousands } from "../../report/format.ts";
import { compact } from "../cells.ts";
import { useTheme } from "../theme.ts";
import type { Column, Row } from "./Table.tsx";
import { Table } from "./Table.tsx";

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

/** Past this, a long name is cut (its start: prefixes are alike) rather than dropping more columns. */
const MAX_NAME = 24;

export interface TopicTableProps {
  topics: readonly TopicSnapshot[];
  selected: number;
  width: number;
}

export const TopicTable = memo(function TopicTable({ topics, selected, width }: TopicTableProps): ReactElement {
  const theme = useTheme();
  const rows: Row[] = topics.map((t, i) => {
    const w = t.window;
    return {
      key: t.name,
      cells: [
        { lead: i === selected ? "› " : "  ", text: t.name, color: i === selected ? theme.accent : undefined },
        { text: thousands(w.ackedPerSec) },
        { text: mbps(w.mbPerSec) },
        { text: compact(t.acked) },
        { text: compact(t.failed), color: t.failed > 0 ? theme.bad : undefined },
        { text: compact(t.inFlight) },
        { text: ms(w.latency.p50) },
        { text: ms(w.latency.p99) },
        { text: ms(w.latency.max) },
      ],
    };
  });
  // Long topic names (prefixes) push out the least useful columns before they get cut.
  const longest = Math.max(0, ...topics.map((t) => t.name.length));
  const columns = TOPIC_COLUMNS.map((c) => (c.flex ? { ...c, want: Math.min(longest + 2, MAX_NAME) } : c));
  return <Table columns={columns} rows={rows} width={width} headerColor={theme.accent} />;
});
