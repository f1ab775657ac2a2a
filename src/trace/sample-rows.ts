/** `surge sample --json` output (one record a line: topic, key, headers, value) → the rows of a trace's columns, grouped like the trace. */
import type { TraceShape } from "./columns.ts";
import { traceFieldNames } from "./field-names.ts";
import { rowTimeReader } from "./day-time.ts";

export interface SampleGroup {
  value: string;
  times?: Float64Array;
  /** Per numeric column of the trace (same order). */
  series: Float64Array[];
  /** Per text column of the trace (same order as its categories). */
  texts: string[][];
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The sample's rows by group, in the order written, or one line saying what is wrong. */
export function sampleRows(
  text: string,
  source: string,
  shape: TraceShape,
): { groups: SampleGroup[]; rows: number } | { problem: string } {
  const fieldName = traceFieldNames(shape.columns);
  const numeric = shape.numeric.map((c) => fieldName(c.name));
  const textFields = shape.categories.map((c) => fieldName(c.name));
  const timeField = shape.time ? fieldName(shape.time.name) : undefined;
  const groupField = shape.group ? fieldName(shape.group) : undefined;
  const dayField = shape.time?.dayTime ? fieldName(shape.time.dayTime.name) : undefined;
  const readTime = shape.time ? rowTimeReader(shape.time.format, shape.time.dayTime) : undefined;
  const byGroup = new Map<string, { times: number[]; series: number[][]; texts: string[][] }>();
  let rows = 0;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === "") continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      return {
        problem: `${source}:${i + 1}: not JSON; expected the lines of surge sample --json (topic, key, headers, value)`,
      };
    }
    let value = isMap(record) && "value" in record ? record["value"] : record;
    if (typeof value === "string") {
      try {
        value = JSON.parse(value);
      } catch {
        return { problem: `${source}:${i + 1}: the record's value is not a JSON object` };
      }
    }
    if (!isMap(value)) return { problem: `${source}:${i + 1}: the record's value is not a JSON object` };
    const missing = [
      ...numeric,
      ...textFields,
      ...(timeField ? [timeField] : []),
      ...(dayField ? [dayField] : []),
      ...(groupField ? [groupField] : []),
    ].find((f) => !(f in value));
    if (missing !== undefined)
      return {
        problem: `${source}:${i + 1}: the value has no field ${JSON.stringify(missing)}; was the sample made from a fleet fitted to this trace?`,
      };
    const g = groupField ? String(value[groupField]) : "";
    let entry = byGroup.get(g);
    if (!entry) byGroup.set(g, (entry = { times: [], series: numeric.map(() => []), texts: textFields.map(() => []) }));
    if (readTime && timeField)
      entry.times.push(readTime(String(value[timeField]), dayField ? String(value[dayField]) : undefined));
    numeric.forEach((f, c) => (entry.series[c] as number[]).push(Number(value[f])));
    textFields.forEach((f, c) => (entry.texts[c] as string[]).push(String(value[f])));
    rows++;
  }
  if (rows === 0)
    return {
      problem: `${source}: no records; make one with surge sample --scenario FLEET.yaml --json -n N > ${source}`,
    };
  const groups = [...byGroup].map(([value, e]) => ({
    value,
    ...(readTime ? { times: Float64Array.from(e.times) } : {}),
    series: e.series.map((s) => Float64Array.from(s)),
    texts: e.texts,
  }));
  return { groups, rows };
}
