/** Anomalies running now, with the time each has left. */
import { Text } from "ink";
import type { ReactElement } from "react";
import type { ActiveAnomaly } from "../../engine/snapshot.ts";
import { span } from "../cells.ts";
import { useTheme } from "../theme.ts";

export interface AnomaliesPanelProps {
  anomalies: readonly ActiveAnomaly[];
  nowMs: number;
  rows: number;
  width: number;
}

export function AnomaliesPanel({ anomalies, nowMs, rows, width }: AnomaliesPanelProps): ReactElement {
  const theme = useTheme();
  const shown = anomalies.slice(0, rows);
  const more = anomalies.length - shown.length;
  return (
    <>
      <Text wrap="truncate" color={theme.accent}>{`anomalies${anomalies.length > 0 ? ` (${anomalies.length})` : ""}`}</Text>
      {shown.length === 0 ? <Text dimColor={theme.dim}>  none (a: inject one)</Text> : null}
      {shown.map((a, i) => {
        const left = `${span(a.endsMs - nowMs)} left${i === shown.length - 1 && more > 0 ? ` +${more}` : ""}`;
        const what = `  ${a.kind} ${a.target}`;
        return (
          <Text key={a.id} wrap="truncate">
            <Text color={theme.warn}>{what.slice(0, Math.max(0, width - left.length - 1)).padEnd(Math.max(0, width - left.length))}</Text>
            {left}
          </Text>
        );
      })}
    </>
  );
}
