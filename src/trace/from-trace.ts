/** `surge init --from-trace`: CSV text → shape → one fitted model per group → the scenario YAML. */
import { parseCsv } from "./csv.ts";
import { traceShape, type TraceOptions } from "./columns.ts";
import { fitGroup } from "./fit.ts";
import { fittedYaml, type FittedTrace } from "./fleet-yaml.ts";

/** When a trace has no time column and no --cadence: one row a second. */
export const DEFAULT_CADENCE_MS = 1000;
/** The engine's longest sample interval. */
const MAX_CADENCE_MS = 86_400_000;

export interface FromTraceOptions extends TraceOptions {
  name: string;
  source: string;
  /** Step between rows when the trace has no time column. */
  cadenceMs?: number;
  seed?: number;
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
      problem: `the trace steps every ${Math.round(cadenceMs / 3_600_000)} h; surge's longest sample interval is 24 h`,
    };
  const names = shape.numeric.map((n) => n.name);
  const decimals = shape.numeric.map((n) => n.decimals);
  const groups = shape.groups.map((g, i) => fitGroup(g, { names, decimals, cadenceMs, seed: (o.seed ?? 1) + i }));
  const trace: FittedTrace = { name: o.name, source: o.source, rows: table.rows.length, shape, groups, cadenceMs };
  return { trace, yaml: fittedYaml(trace) };
}
