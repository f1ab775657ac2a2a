/** The whole key map (`?`); any key closes it. */
import { Text } from "ink";
import type { ReactElement } from "react";
import { useTheme } from "../theme.ts";

export const KEY_HELP: ReadonlyArray<readonly [string, string]> = [
  ["+  -", "target rate +10% / -10%"],
  ["↑  ↓", "target rate +1% / -1%"],
  ["0-9 Enter", "set the target rate exactly (Esc clears the digits)"],
  ["space", "pause / resume generating"],
  ["a", "inject an anomaly: kind, devices or topic, duration"],
  ["t  Tab", "next topic in the latency panel"],
  ["l", "latency panel: send→ack latency / lateness"],
  ["r", "reset the latency histograms"],
  ["?", "this help"],
  ["q  Ctrl-C", "stop: flush, print the summary, exit"],
  ["Ctrl-C twice", "exit at once without waiting for the flush"],
];

const KEY_WIDTH = 15;

export function HelpOverlay({ rows }: { rows: number }): ReactElement {
  const theme = useTheme();
  const lines = KEY_HELP.slice(0, Math.max(0, rows - 1));
  return (
    <>
      <Text wrap="truncate" color={theme.accent}>keys (every one goes through the same commands as headless stdin)</Text>
      {lines.map(([key, what]) => (
        <Text key={key} wrap="truncate">
          <Text bold>{`  ${key}`.padEnd(KEY_WIDTH)}</Text>
          {what}
        </Text>
      ))}
    </>
  );
}
