/**
 * The HDR percentile distribution of the selected topic since the start (or the last reset),
 * as bars: send→ack latency, or lateness against the intended send time.
 */
import { Text } from "ink";
import { memo } from "react";
import type { ReactElement } from "react";
import type { TopicSnapshot } from "../../engine/snapshot.ts";
import { ms, thousands } from "../../report/format.ts";
import { tail } from "../cells.ts";
import { bar } from "../charts.ts";
import { useTheme } from "../theme.ts";
import type { LatencyView } from "../ui-state.ts";

const LABEL_WIDTH = 7;
const VALUE_WIDTH = 10;

export interface LatencyPanelProps {
  topic: TopicSnapshot | undefined;
  view: LatencyView;
  width: number;
}

const percentileLabel = (p: number): string => `p${p}`;

export const LatencyPanel = memo(function LatencyPanel({ topic, view, width }: LatencyPanelProps): ReactElement {
  const theme = useTheme();
  const stats = topic ? topic[view] : undefined;
  const what = view === "latency" ? "send→ack" : "lateness";
  const rows: Array<readonly [string, number]> = stats
    ? [...stats.distribution.map(([p, v]) => [percentileLabel(p), v] as const), ["max", stats.max] as const]
    : [];
  const full = stats?.max ?? 0;
  const barWidth = Math.max(1, width - LABEL_WIDTH - VALUE_WIDTH);
  const head = `${what} ms · `;
  const fullName = topic?.name ?? "no topic";
  // The sample count goes first when the name would not fit beside it.
  const count = stats ? ` · ${thousands(stats.count)} samples` : "";
  const samples = head.length + fullName.length + count.length <= width ? count : "";
  const name = tail(fullName, Math.max(8, width - head.length));
  return (
    <>
      <Text wrap="truncate">
        <Text color={theme.accent}>{head + name}</Text>
        <Text dimColor={theme.dim}>{samples}</Text>
      </Text>
      {rows.map(([label, value]) => (
        <Text key={label} wrap="truncate">
          {label.padEnd(LABEL_WIDTH)}
          <Text color={theme.chart}>{bar(value, full, barWidth)}</Text>
          {`${stats && stats.count > 0 ? ms(value) : "-"}`.padStart(VALUE_WIDTH)}
        </Text>
      ))}
    </>
  );
});
