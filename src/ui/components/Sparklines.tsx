/** Acked records per second of each topic over the last minute, one line per topic. */
import { Text } from "ink";
import { memo } from "react";
import type { ReactElement } from "react";
import type { TopicSnapshot } from "../../engine/snapshot.ts";
import { short, tail } from "../cells.ts";
import { sparkline } from "../charts.ts";
import { useTheme } from "../theme.ts";

const HISTORY_SECONDS = 60;
const PEAK_WIDTH = 11;

export interface SparklinesProps {
  topics: readonly TopicSnapshot[];
  selected: number;
  width: number;
}

export const Sparklines = memo(function Sparklines({ topics, selected, width }: SparklinesProps): ReactElement {
  const theme = useTheme();
  const longest = Math.max(0, ...topics.map((t) => t.name.length));
  const label = Math.max(8, Math.min(longest + 3, 24, width - PEAK_WIDTH - 20));
  const chart = Math.max(1, Math.min(HISTORY_SECONDS, width - label - PEAK_WIDTH));
  return (
    <>
      <Text wrap="truncate" color={theme.accent}>{`acked/s, last ${chart} s`.padEnd(label + chart) + "peak".padStart(PEAK_WIDTH)}</Text>
      {topics.map((t, i) => (
        <Text key={t.name} wrap="truncate">
          <Text color={i === selected ? theme.accent : undefined}>{`${i === selected ? "› " : "  "}${tail(t.name, label - 3)}`.padEnd(label)}</Text>
          <Text color={theme.chart}>{sparkline(t.history, chart)}</Text>
          <Text dimColor={theme.dim}>{`${short(Math.max(0, ...t.history.slice(-chart)))}/s`.padStart(PEAK_WIDTH)}</Text>
        </Text>
      ))}
    </>
  );
});
