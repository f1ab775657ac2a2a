/** The whole key map (`?`); any key closes it. */
import type { Theme } from "../theme.ts";
import type { Line } from "./line.ts";
import { line, seg } from "./line.ts";

export const KEY_HELP: ReadonlyArray<readonly [string, string]> = [
  ["+  -", "target rate +10% / -10%"],
  ["↑  ↓", "target rate +1% / -1%"],
  ["0-9 Enter", "set the target rate exactly (Esc clears the digits)"],
  ["space", "pause / resume generating"],
  ["a", "inject an anomaly: kind, devices or topic, duration"],
  ["t  Tab", "next topic in the latency panel"],
  ["l", "latency panel: send→ack / lateness / →readable / →out"],
  ["r", "reset the latency histograms"],
  ["?", "this help"],
  ["q  Ctrl-C", "stop: flush, print the summary, exit"],
  ["Ctrl-C twice", "exit at once without waiting for the flush"],
];

const KEY_WIDTH = 15;

export function helpLines(rows: number, theme: Theme): Line[] {
  const title = line(seg("keys (every one goes through the same commands as headless stdin)", { color: theme.accent }));
  return [
    title,
    ...KEY_HELP.slice(0, Math.max(0, rows - 1)).map(([key, what]) =>
      line(seg(`  ${key}`.padEnd(KEY_WIDTH), { bold: true }), what),
    ),
  ];
}
