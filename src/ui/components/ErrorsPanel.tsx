/** Distinct delivery errors: code, topic, how many, how long ago last seen, the broker's words. */
import { Text } from "ink";
import type { ReactElement } from "react";
import type { ErrorSnapshot } from "../../engine/snapshot.ts";
import { compact, span } from "../cells.ts";
import { useTheme } from "../theme.ts";

export interface ErrorsPanelProps {
  errors: readonly ErrorSnapshot[];
  nowMs: number;
  rows: number;
}

export function ErrorsPanel({ errors, nowMs, rows }: ErrorsPanelProps): ReactElement {
  const theme = useTheme();
  const shown = errors.slice(0, rows);
  const more = errors.length - shown.length;
  return (
    <>
      <Text wrap="truncate" color={errors.length > 0 ? theme.bad : theme.accent}>
        {`errors${errors.length > 0 ? ` (${errors.length} distinct${more > 0 ? `, ${more} not shown` : ""})` : ""}`}
      </Text>
      {shown.length === 0 ? <Text dimColor={theme.dim}>  none</Text> : null}
      {shown.map((e) => (
        <Text key={`${e.topic}\u0000${e.code}`} wrap="truncate">
          <Text color={theme.bad}>{`  ${e.code}`}</Text>
          {` ×${compact(e.count)} ${e.topic} ${span(nowMs - e.lastSeenMs)} ago: ${e.message}`}
        </Text>
      ))}
    </>
  );
}
