/**
 * Which panels fit: decided from the terminal's size so that nothing wraps and the frame stays
 * shorter than the screen (Ink clears the whole terminal on every frame once it is not).
 */

export const HEADER_ROWS = 3;
export const FOOTER_ROWS = 1;
/** Title + p50 … p99.99 + max. */
export const LATENCY_ROWS = 9;
/** Latency panel width when it sits beside the anomalies and errors: over half the screen. */
export const sidePanelWidth = (columns: number): number => Math.max(42, Math.floor(columns * 0.55));
/** Narrower than this, anomalies and errors go below the latency panel. */
const SIDE_MIN_COLUMNS = 80;
/** A sparkline shorter than this says little; the panel is dropped instead. */
const SPARK_MIN_COLUMNS = 50;
const MAX_ITEMS = 3;
/** What the help (title + 11 keys) needs. */
const OVERLAY_ROWS = 12;

export interface LayoutInput {
  columns: number;
  rows: number;
  topics: number;
  anomalies: number;
  errors: number;
  events: number;
}

export interface Layout {
  width: number;
  gaps: boolean;
  sparklines: boolean;
  latency: boolean;
  anomalies: boolean;
  errors: boolean;
  /** The run's latest events, below the errors. */
  events: boolean;
  /** Latency on the left, anomalies, errors and events on the right. */
  side: boolean;
  /** Items shown in the anomalies / errors panels (each has a title row too). */
  anomalyRows: number;
  errorRows: number;
  /** Events shown (0 when the panel is dropped): more when there is room beside the latency panel. */
  eventRows: number;
  /** Rows between the table and the footer, for the help and anomaly menu overlays. */
  bodyRows: number;
}

type Panels = Pick<Layout, "gaps" | "sparklines" | "latency" | "anomalies" | "errors" | "events">;

/** Most wanted first; the first that fits is taken. */
const BASE: ReadonlyArray<Omit<Panels, "events">> = [
  { gaps: true, sparklines: true, latency: true, anomalies: true, errors: true },
  { gaps: false, sparklines: true, latency: true, anomalies: true, errors: true },
  { gaps: false, sparklines: false, latency: true, anomalies: true, errors: true },
  { gaps: false, sparklines: false, latency: true, anomalies: true, errors: false },
  { gaps: false, sparklines: false, latency: false, anomalies: true, errors: false },
  { gaps: false, sparklines: false, latency: false, anomalies: false, errors: false },
];
/** Events (below the errors) are the first to go: each choice is tried with them, then without. */
const CHOICES: readonly Panels[] = BASE.flatMap((c) =>
  c.errors
    ? [
        { ...c, events: true },
        { ...c, events: false },
      ]
    : [{ ...c, events: false }],
);

export function planLayout(input: LayoutInput): Layout {
  const width = Math.max(20, input.columns);
  const side = width >= SIDE_MIN_COLUMNS;
  const anomalyRows = Math.max(1, Math.min(MAX_ITEMS, input.anomalies));
  const errorRows = Math.max(1, Math.min(MAX_ITEMS, input.errors));
  // One row spare: a frame as tall as the screen makes Ink clear the terminal on every frame.
  const budget = Math.max(1, input.rows - 1);
  const table = 1 + input.topics;
  const listed = (p: Panels): number => (p.anomalies ? 1 + anomalyRows : 0) + (p.errors ? 1 + errorRows : 0);
  const eventRows = (p: Panels): number => {
    if (!p.events) return 0;
    const wanted = Math.max(1, Math.min(MAX_ITEMS, input.events));
    // Beside the latency panel, rows it leaves free show more of the recent events.
    const free = side && p.latency ? LATENCY_ROWS - listed(p) - 1 : 0;
    return Math.max(wanted, Math.min(input.events, free));
  };
  /** Rows of sparklines + lower panels, with the gaps before them. */
  const middle = (p: Panels): number => {
    const lists = listed(p) + (p.events ? 1 + eventRows(p) : 0);
    const latency = p.latency ? LATENCY_ROWS : 0;
    const lower = side ? Math.max(latency, lists) : latency + lists;
    const parts = [p.sparklines ? 1 + input.topics : 0, lower].filter((r) => r > 0);
    return sum(parts) + (p.gaps ? parts.length : 0);
  };
  const frame = (p: Panels): number => HEADER_ROWS + table + FOOTER_ROWS + (p.gaps ? 2 : 0) + middle(p);
  const wide = width >= SPARK_MIN_COLUMNS;
  const withWidth = (c: Panels): Panels => ({ ...c, sparklines: c.sparklines && wide });
  const panels = withWidth(CHOICES.find((c) => frame(withWidth(c)) <= budget) ?? CHOICES.at(-1)!);
  // Overlays take the place of sparklines and lower panels; the frame keeps its height when they
  // fit in it (a frame that grows can push lines above it off the screen), else grows to OVERLAY_ROWS.
  const room = budget - HEADER_ROWS - table - FOOTER_ROWS - (panels.gaps ? 3 : 0);
  const bodyRows = Math.max(0, Math.min(room, Math.max(middle(panels) - (panels.gaps ? 1 : 0), OVERLAY_ROWS)));
  return { width, side, anomalyRows, errorRows, eventRows: eventRows(panels), ...panels, bodyRows };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
