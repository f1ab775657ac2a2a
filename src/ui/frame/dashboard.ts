/** One frame: header, topic table, then sparklines and the lower panels (or an overlay), footer. */
import type { Snapshot } from "../../engine/snapshot.ts";
import { ANOMALY_KINDS } from "../../sim/anomalies/index.ts";
import type { TerminalSize } from "../hooks/use-terminal-size.ts";
import type { Layout } from "../layout.ts";
import { planLayout, sidePanelWidth } from "../layout.ts";
import type { Theme } from "../theme.ts";
import type { UiState } from "../ui-state.ts";
import { statusText } from "../ui-state.ts";
import { anomalyLines } from "./anomalies.ts";
import { errorLines } from "./errors.ts";
import { eventLines } from "./events.ts";
import { footerLine } from "./footer.ts";
import { headerLines } from "./header.ts";
import { helpLines } from "./help.ts";
import type { WatchSnapshot } from "./instances.ts";
import { instanceLines } from "./instances.ts";
import { latencyLines } from "./latency.ts";
import type { Line } from "./line.ts";
import { BLANK, beside } from "./line.ts";
import { menuLines } from "./menu.ts";
import { sparklineLines } from "./sparklines.ts";
import { topicTableLines } from "./topic-table.ts";

export interface Frame {
  /** Width of the frame's box (the terminal's, at least 20). */
  width: number;
  lines: readonly Line[];
}

export function dashboardFrame(s: WatchSnapshot, ui: UiState, size: TerminalSize, theme: Theme): Frame {
  // surge watch: the fleet's instances under the table; the panels below make room for them.
  const instances = s.fleet ? instanceLines(s.fleet, Math.max(20, size.columns), theme) : [];
  const layout = planLayout({
    columns: size.columns,
    rows: size.rows - instances.length,
    topics: s.topics.length,
    anomalies: s.anomalies.length,
    errors: s.errors.length,
    events: s.events.length,
  });
  const { width, gaps } = layout;
  const selected = s.topics.length > 0 ? Math.min(ui.topic, s.topics.length - 1) : 0;
  const mode = ui.mode;
  const out: Line[] = [];
  const gap = (): void => {
    if (gaps) out.push(BLANK);
  };
  out.push(...headerLines(s, mode.kind === "rate" ? mode.buffer : undefined, statusText(ui.status, s.notice), theme));
  gap();
  out.push(...topicTableLines(s.topics, selected, width, theme, s.e2e));
  out.push(...instances);
  const overlay =
    mode.kind === "help"
      ? helpLines(layout.bodyRows, theme)
      : mode.kind === "menu"
        ? menuLines(mode.menu, { kinds: ANOMALY_KINDS, topics: s.topics.map((t) => t.name) }, layout.bodyRows, theme)
        : undefined;
  if (overlay) {
    gap();
    // The overlay keeps the frame's height: a frame that grows can push lines off the screen.
    for (let i = 0; i < layout.bodyRows; i++) out.push(overlay[i] ?? BLANK);
  } else {
    if (layout.sparklines) {
      gap();
      out.push(...sparklineLines(s.topics, selected, width, theme));
    }
    const lower = lowerLines(s, ui.view, selected, layout, theme);
    if (lower.length > 0) {
      gap();
      out.push(...lower);
    }
  }
  gap();
  out.push(footerLine(mode, width, theme));
  // Lines wider than the frame are cut by Ink's wrap="truncate", as truncate() would.
  return { width, lines: out };
}

/** Latency on the left, anomalies, errors and events on the right (or all stacked when narrow). */
function lowerLines(s: Snapshot, view: UiState["view"], selected: number, layout: Layout, theme: Theme): Line[] {
  const listed = layout.anomalies || layout.errors || layout.events;
  const side = layout.side && layout.latency && listed;
  const latencyWidth = side ? sidePanelWidth(layout.width) : layout.width;
  const listWidth = side ? layout.width - latencyWidth - 2 : layout.width;
  const latency = layout.latency ? latencyLines(s.topics[selected], view, latencyWidth, theme, s.e2e) : [];
  const lists = [
    ...(layout.anomalies ? anomalyLines(s.anomalies, s.takenMs, layout.anomalyRows, listWidth, theme) : []),
    ...(layout.errors ? errorLines(s.errors, s.takenMs, layout.errorRows, theme) : []),
    ...(layout.events ? eventLines(s.events, layout.eventRows, theme) : []),
  ];
  return side ? beside(latency, latencyWidth, 2, lists, listWidth) : [...latency, ...lists];
}
