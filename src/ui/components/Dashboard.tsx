/** One frame: header, topic table, then sparklines and the lower panels (or an overlay), footer. */
import { Box, Text } from "ink";
import type { ReactElement } from "react";
import type { Snapshot } from "../../engine/snapshot.ts";
import type { MenuContext } from "../anomaly-menu.ts";
import type { TerminalSize } from "../hooks/use-terminal-size.ts";
import type { Layout } from "../layout.ts";
import { planLayout, sidePanelWidth } from "../layout.ts";
import { statusText } from "../ui-state.ts";
import type { UiState } from "../ui-state.ts";
import { AnomaliesPanel } from "./AnomaliesPanel.tsx";
import { AnomalyMenu } from "./AnomalyMenu.tsx";
import { ErrorsPanel } from "./ErrorsPanel.tsx";
import { Footer } from "./Footer.tsx";
import { Header } from "./Header.tsx";
import { HelpOverlay } from "./HelpOverlay.tsx";
import { LatencyPanel } from "./LatencyPanel.tsx";
import { Sparklines } from "./Sparklines.tsx";
import { TopicTable } from "./TopicTable.tsx";

export interface DashboardProps {
  snapshot: Snapshot;
  ui: UiState;
  size: TerminalSize;
  menuContext: MenuContext;
}

const Gap = ({ show }: { show: boolean }): ReactElement | null => (show ? <Text> </Text> : null);

export function Dashboard({ snapshot: s, ui, size, menuContext }: DashboardProps): ReactElement {
  const layout = planLayout({
    columns: size.columns, rows: size.rows, topics: s.topics.length, anomalies: s.anomalies.length, errors: s.errors.length,
  });
  const selected = s.topics.length > 0 ? Math.min(ui.topic, s.topics.length - 1) : 0;
  const mode = ui.mode;
  const overlay = mode.kind === "help" ? <HelpOverlay rows={layout.bodyRows} />
    : mode.kind === "menu" ? <AnomalyMenu menu={mode.menu} context={menuContext} rows={layout.bodyRows} />
    : undefined;
  return (
    <Box flexDirection="column" width={layout.width}>
      <Header snapshot={s} rateBuffer={mode.kind === "rate" ? mode.buffer : undefined} status={statusText(ui.status, s.notice)} />
      <Gap show={layout.gaps} />
      <TopicTable topics={s.topics} selected={selected} width={layout.width} />
      {overlay ? (
        <>
          <Gap show={layout.gaps} />
          <Box flexDirection="column" height={layout.bodyRows}>{overlay}</Box>
        </>
      ) : (
        <>
          {layout.sparklines ? <><Gap show={layout.gaps} /><Sparklines topics={s.topics} selected={selected} width={layout.width} /></> : null}
          <Lower snapshot={s} ui={ui} selected={selected} layout={layout} />
        </>
      )}
      <Gap show={layout.gaps} />
      <Footer mode={mode} width={layout.width} />
    </Box>
  );
}

function Lower({ snapshot: s, ui, selected, layout }: { snapshot: Snapshot; ui: UiState; selected: number; layout: Layout }): ReactElement | null {
  const events = layout.anomalies || layout.errors;
  if (!layout.latency && !events) return null;
  const beside = layout.side && layout.latency && events;
  const latencyWidth = beside ? sidePanelWidth(layout.width) : layout.width;
  const eventsWidth = beside ? layout.width - latencyWidth - 2 : layout.width;
  const latency = layout.latency
    ? <Box flexDirection="column" width={latencyWidth}><LatencyPanel topic={s.topics[selected]} view={ui.view} width={latencyWidth} /></Box>
    : null;
  const eventPanels = events ? (
    <Box flexDirection="column" width={eventsWidth}>
      {layout.anomalies ? <AnomaliesPanel anomalies={s.anomalies} nowMs={s.takenMs} rows={layout.anomalyRows} width={eventsWidth} /> : null}
      {layout.errors ? <ErrorsPanel errors={s.errors} nowMs={s.takenMs} rows={layout.errorRows} /> : null}
    </Box>
  ) : null;
  return (
    <>
      <Gap show={layout.gaps} />
      <Box flexDirection={beside ? "row" : "column"} columnGap={beside ? 2 : 0}>
        {latency}
        {eventPanels}
      </Box>
    </>
  );
}
