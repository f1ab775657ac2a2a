/** `surge init --from-trace`: CSV text → shape → one fitted model per group → the scenario YAML. */
import { parseCsv } from "./csv.ts";
import { traceShape, type TraceOptions } from "./columns.ts";
import { fitGroup } from "./fit.ts";
import { fittedYaml, type FittedTrace } from "./fleet-yaml.ts";
import { episodeTimeline, labelEpisodes } from "./label-episodes.ts";
import type { TraceShape } from "./columns.ts";
import { MAX_SAMPLE_INTERVAL_MS } from "../common/duration.ts";

/** When a trace has no time column and no --cadence: one row a second. */
export const DEFAULT_CADENCE_MS = 1000;
/** The engine's longest sample interval. */
const MAX_CADENCE_MS = MAX_SAMPLE_INTERVAL_MS;

export interface FromTraceOptions extends TraceOptions {
  name: string;
  source: string;
  /** Step between rows when the trace has no time column. */
  cadenceMs?: number;
  seed?: number;
  /** "column" (default): the label is fitted like any column; "anomalies": its episodes become spikes with ground truth. */
  labels?: "column" | "anomalies";
}

/** The shape without one numeric column (a label turned into anomalies is not fitted). */
function without(shape: TraceShape, column: string): TraceShape {
  const c = shape.numeric.findIndex((n) => n.name === column);
  return {
    ...shape,
    numeric: shape.numeric.filter((_, i) => i !== c),
    groups: shape.groups.map((g) => ({ ...g, series: g.series.filter((_, i) => i !== c) })),
  };
}

export function fitTrace(
  text: string,
  o: FromTraceOptions,
): { trace: FittedTrace; yaml: string } | { problem: string } {
  const table = parseCsv(text, o.source);
  if ("problem" in table) return table;
  const shape = traceShape(table, o);
  if ("problem" in shape) return shape;
  const cadenceMs = shape.cadenceMs ?? o.cadenceMs ?? DEFAULT_CADENCE_MS;
  if (cadenceMs > MAX_CADENCE_MS)
    return {
      problem: `the trace steps every ${Math.round(cadenceMs / 86_400_000)} days; surge's longest sample interval is ${MAX_CADENCE_MS / 86_400_000} days`,
    };
  const info = o.labels === "anomalies" ? labelEpisodes(shape, cadenceMs) : undefined;
  if (o.labels === "anomalies" && !info)
    return {
      problem:
        "--labels anomalies: the trace has no 0/1 label column with labelled rows (a column named label, anomaly, event, activ, ... holding only 0 and 1)",
    };
  const fitted = info ? without(shape, info.column) : shape;
  const names = fitted.numeric.map((n) => n.name);
  const decimals = fitted.numeric.map((n) => n.decimals);
  const cumulative = fitted.numeric.map((n) => n.cumulative === true);
  const groups = fitted.groups.map((g, i) =>
    fitGroup(g, { names, decimals, cumulative, cadenceMs, seed: (o.seed ?? 1) + i }),
  );
  const trace: FittedTrace = {
    name: o.name,
    source: o.source,
    rows: table.rows.length,
    shape,
    groups,
    cadenceMs,
    ...(info ? { episodes: { info, timeline: episodeTimeline(info, groups.length, o.seed ?? 1) } } : {}),
  };
  return { trace, yaml: fittedYaml(trace) };
}
