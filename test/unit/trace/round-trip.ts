/** A trace fitted, sampled as `surge sample --json` would, and compared, all in process (no broker: the dry model). */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkScenarioText } from "../../../src/authoring/check-scenario.ts";
import { recordJsonLine, sampleRecords } from "../../../src/authoring/sample-events.ts";
import { resolveSettings } from "../../../src/config/resolve.ts";
import { declaredModel } from "../../../src/sim/declared/factory.ts";
import { traceShape, type TraceOptions } from "../../../src/trace/columns.ts";
import { compareTrace, type CompareResult } from "../../../src/trace/compare.ts";
import { parseCsv } from "../../../src/trace/csv.ts";
import { fitTrace } from "../../../src/trace/from-trace.ts";
import { sampleRows } from "../../../src/trace/sample-rows.ts";

/** The shared traces sit beside the clone in CI (../shared/data/traces); SURGE_TRACES points elsewhere (a worktree). */
export const TRACES = process.env["SURGE_TRACES"] ?? join(import.meta.dirname, "../../../../shared/data/traces");
export const haveTraces = existsSync(TRACES);

export interface RoundTrip {
  yaml: string;
  result: CompareResult;
  lines: string[];
}

/** Fits `csv`, samples `rowsPerDevice` rows per device (seed 7) and compares them with the trace. */
export function roundTrip(csv: string, o: TraceOptions & { rowsPerDevice: number }): RoundTrip {
  const fitted = fitTrace(csv, { name: "fitted", source: "trace.csv", ...o });
  if ("problem" in fitted) assert.fail(fitted.problem);
  const { problems } = checkScenarioText(fitted.yaml, "fitted.yaml");
  assert.deepEqual(problems, [], "the fitted scenario passes surge's own check");
  const resolved = resolveSettings({
    flags: { scenario: "fitted.yaml", seed: "7", dryRun: true, noTui: true },
    env: {},
    builtins: {},
    readFile: () => fitted.yaml,
    isTTY: false,
  });
  if ("errors" in resolved) assert.fail(resolved.errors.join("\n"));
  const built = declaredModel(resolved.settings.scenario, 7, 1);
  if ("errors" in built) assert.fail(built.errors.join("\n"));
  const lines: string[] = [];
  const count = o.rowsPerDevice * resolved.settings.scenario.devices;
  sampleRecords(resolved.settings, built.model, {
    count,
    // As `surge sample`: where the trace started (a trace without times: a fixed day).
    startMs: resolved.settings.scenario.sampleStartMs ?? Date.UTC(2026, 0, 5),
    onRecord: (r) => lines.push(recordJsonLine(r)),
  });
  const table = parseCsv(csv, "trace.csv");
  if ("problem" in table) assert.fail(table.problem);
  const shape = traceShape(table, o);
  if ("problem" in shape) assert.fail(shape.problem);
  const rows = sampleRows(lines.join("\n"), "sample.jsonl", shape);
  if ("problem" in rows) assert.fail(rows.problem);
  return { yaml: fitted.yaml, result: compareTrace(shape, rows.groups, rows.rows), lines };
}

/** "column statistic" of each failing line. */
export function failures(r: CompareResult): string[] {
  return [...r.columns, ...r.pairs].filter((l) => !l.pass).map((l) => `${l.column} ${l.stat}`);
}
