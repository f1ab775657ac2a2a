/** `surge compare TRACE.csv SAMPLE.jsonl`: the statistics of a trace and of a sample of its fitted fleet, side by side; exit 1 when a line is out of tolerance. */
import { readFileSync } from "node:fs";
import type { RawFlags } from "../config/raw-flags.ts";
import { readProblem } from "../config/read-problem.ts";
import { traceShape } from "../trace/columns.ts";
import { compareTrace } from "../trace/compare.ts";
import { compareJson, compareText } from "../trace/compare-report.ts";
import { parseCsv } from "../trace/csv.ts";
import { sampleRows } from "../trace/sample-rows.ts";
import { EXIT_OK, EXIT_RUNTIME, UsageError } from "./usage-error.ts";

const USAGE = "usage: surge compare TRACE.csv SAMPLE.jsonl [--time COL] [--group COL] [--json]";

function read(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`compare: cannot read the ${what} ${JSON.stringify(path)}: ${readProblem(error)}`);
  }
}

export function compareCommand(flags: RawFlags, positionals: readonly string[]): number {
  const [tracePath, samplePath] = positionals;
  if (tracePath === undefined || samplePath === undefined)
    throw new UsageError(`compare: name the trace and the sample; ${USAGE}`);
  const table = parseCsv(read(tracePath, "trace"), tracePath);
  if ("problem" in table) throw new UsageError(table.problem);
  const shape = traceShape(table, {
    ...(flags.time !== undefined ? { time: flags.time } : {}),
    ...(flags.group !== undefined ? { group: flags.group } : {}),
  });
  if ("problem" in shape) throw new UsageError(shape.problem);
  const sample = sampleRows(read(samplePath, "sample"), samplePath, shape);
  if ("problem" in sample) throw new UsageError(sample.problem);
  const result = compareTrace(shape, sample.groups, sample.rows);
  console.log(flags.json ? compareJson(result) : compareText(result, tracePath, samplePath));
  return result.pass ? EXIT_OK : EXIT_RUNTIME;
}
