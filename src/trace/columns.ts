/**
 * What each column of a trace is: the time, the group (one device per value), numbers, a
 * counter (a reading index), a label (0/1 events), or text categories; rows split by group in
 * time order.
 */
import { dayTimeBeside, rowTimeReader, type DayTime } from "./day-time.ts";
import { isCumulative } from "./cumulative.ts";
import { calendarCadenceMs, calendarMonths } from "./calendar.ts";
import type { CsvTable } from "./csv.ts";
import { detectTimeFormat, type TimeFormat } from "../sim/time-layout.ts";
import { nameClockOf, type NameClock } from "./name-clocks.ts";

export interface TraceOptions {
  time?: string;
  group?: string;
}

export interface NumericColumn {
  name: string;
  decimals: number;
  /** 0/1 only and named like a label (label, anomaly, event, activ, ...). */
  label: boolean;
  /** Never falls, by varying steps (cumulative.ts): fitted and compared by its steps. */
  cumulative?: boolean;
}

export interface CategoryColumn {
  name: string;
  /** Value → count over the trace. */
  counts: Map<string, number>;
  /** The weekday or month name of each row's time (name-clocks.ts): written from simulated time. */
  clock?: NameClock;
}

export interface TraceGroup {
  /** The group column's value ("" for a trace without groups). */
  value: string;
  /** Epoch ms per row, when the trace has a time column. */
  times?: Float64Array;
  /** Per numeric column (same order as TraceShape.numeric), in time order. */
  series: Float64Array[];
  /** Per text column (same order as TraceShape.categories), in time order, gaps carrying the last value. */
  texts: string[][];
  /** The group's own typical step (median), when the trace has times. */
  cadenceMs?: number;
}

export interface TraceShape {
  columns: string[];
  /** The time column; `dayTime`: the column of times of day beside a column of dates only. */
  time?: { name: string; format: TimeFormat; dayTime?: DayTime; months?: number };
  group?: string;
  numeric: NumericColumn[];
  categories: CategoryColumn[];
  /** What was done with columns that could not be read as they are: left out, or odd cells taken as gaps (surge init shows it). */
  columnNotes: { name: string; note: string }[];
  /** How the file was read where it is not a plain CSV (no header row, row names): csv.ts. */
  fileNotes?: string[];
  groups: TraceGroup[];
  /** The trace's typical step between rows of a group (median), when it has times. */
  cadenceMs?: number;
}

const MISSING = new Set(["", "na", "n/a", "#n/a", "nan", "null", "none", "-", "?"]);
/** A column of numbers may hold this share of other cells (a logger's "ERR"): they are taken as gaps. */
const ODD_CELLS_SHARE = 0.01;
const LABEL_NAME =
  /^(label|labels|anomaly|anomalous|is_?anomaly|outlier|event|fault|alarm|activ|active|activity|target|class)$/i;
const GROUP_NAME = /(^|_)(id|device|mote|sensor|node|station|unit|meter|machine)(_?id)?$/i;
const TIME_NAME = /(^|_)(time|timestamp|ts|date|datetime)$/i;
const MAX_GROUPS = 50;
const MAX_CATEGORIES = 50;

const isNumber = (s: string): boolean => s.trim() !== "" && Number.isFinite(Number(s));
const isMissing = (s: string): boolean => MISSING.has(s.trim().toLowerCase());
const rising = (cells: readonly string[]): boolean =>
  cells.length > 2 && cells.every((v, i) => i === 0 || Number(v) > Number(cells[i - 1]));

function decimalsOf(cells: readonly string[]): number {
  let d = 0;
  for (const c of cells.slice(0, 5000)) {
    const m = /\.(\d+)$/.exec(c.trim());
    if (m) d = Math.max(d, (m[1] as string).length);
  }
  return Math.min(6, d);
}

/** Columns that could name a trace's devices: 2 to MAX_GROUPS values (at most five named). */
function deviceColumns(header: readonly string[], cells: (c: number) => string[], timeIndex: number): string[] {
  return header
    .filter((_, c) => {
      if (c === timeIndex) return false;
      const distinct = new Set(cells(c)).size;
      return distinct >= 2 && distinct <= MAX_GROUPS;
    })
    .slice(0, 5);
}

/** The shape of a parsed trace, or one line saying what is wrong. */
export function traceShape(table: CsvTable, o: TraceOptions): TraceShape | { problem: string } {
  const { header, rows } = table;
  const cells = (c: number): string[] => rows.map((r) => r[c] ?? "");
  const named = (flag: string, name: string | undefined): number | { problem: string } | undefined => {
    if (name === undefined) return undefined;
    const i = header.indexOf(name);
    return i >= 0
      ? i
      : { problem: `--${flag}: the trace has no column ${JSON.stringify(name)}; its columns: ${header.join(", ")}` };
  };
  const timeAt = named("time", o.time);
  if (typeof timeAt === "object") return timeAt;
  const groupAt = named("group", o.group);
  if (typeof groupAt === "object") return groupAt;

  let time: TraceShape["time"];
  if (timeAt !== undefined) {
    const format = detectTimeFormat(cells(timeAt));
    if (!format)
      return {
        problem: `--time: column ${JSON.stringify(o.time)} does not hold times surge can read (e.g. 2024-01-31 12:00:00, 2024-01-31T12:00:00Z, epoch seconds); first value ${JSON.stringify(rows[0]?.[timeAt])}`,
      };
    time = { name: header[timeAt] as string, format };
  } else {
    for (let c = 0; c < header.length && !time; c++) {
      const values = cells(c);
      // A column of numbers is a time when named like one, or when it only rises (epoch ms
      // under any name: logged_ms); a reading that happens to lie in the epoch range varies.
      if (values.every(isNumber) && !TIME_NAME.test(header[c] as string) && !rising(values)) continue;
      const format = detectTimeFormat(values);
      if (format) time = { name: header[c] as string, format };
    }
  }
  const timeIndex = time ? header.indexOf(time.name) : -1;
  const dayTime = time ? dayTimeBeside(header, cells, time.format, timeIndex) : undefined;
  if (time && dayTime) time.dayTime = dayTime;
  const dayTimeIndex = dayTime ? header.indexOf(dayTime.name) : -1;

  let groupIndex = groupAt ?? -1;
  if (groupIndex < 0) {
    groupIndex = header.findIndex(
      (h, c) =>
        c !== timeIndex &&
        GROUP_NAME.test(h) &&
        new Set(cells(c)).size >= 2 &&
        new Set(cells(c)).size <= Math.min(MAX_GROUPS, rows.length / 10),
    );
  }
  if (groupIndex >= 0 && new Set(cells(groupIndex)).size > MAX_GROUPS) {
    return {
      problem: `--group: column ${JSON.stringify(header[groupIndex])} has ${new Set(cells(groupIndex)).size} values; at most ${MAX_GROUPS} groups (one device kind each)`,
    };
  }

  const numeric: NumericColumn[] = [];
  const numericIndex: number[] = [];
  const categories: CategoryColumn[] = [];
  const categoryIndex: number[] = [];
  const columnNotes: TraceShape["columnNotes"] = [];
  for (let c = 0; c < header.length; c++) {
    if (c === timeIndex || c === groupIndex || c === dayTimeIndex) continue;
    const values = cells(c);
    const all = values.filter((v) => !isMissing(v));
    const numbers = all.filter(isNumber);
    const odd = all.length - numbers.length;
    // A few odd cells in a column of numbers are gaps; the rest is read as the numbers it holds.
    const present = odd > 0 && odd <= ODD_CELLS_SHARE * all.length ? numbers : all;
    if (odd > 0 && present === numbers)
      columnNotes.push({
        name: header[c] as string,
        note: `${odd} cell${odd === 1 ? "" : "s"} that are not numbers (e.g. ${JSON.stringify(all.find((v) => !isNumber(v)))}) taken as gaps`,
      });
    if (present.length === 0)
      columnNotes.push({ name: header[c] as string, note: "every cell is missing: not fitted" });
    else if (present.every(isNumber)) {
      const distinct = new Set(present.map(Number));
      const label = LABEL_NAME.test(header[c] as string) && [...distinct].every((x) => x === 0 || x === 1);
      numeric.push({ name: header[c] as string, decimals: decimalsOf(present), label });
      numericIndex.push(c);
    } else if (present.length > 0) {
      const counts = new Map<string, number>();
      for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
      if (counts.size <= MAX_CATEGORIES) {
        categories.push({ name: header[c] as string, counts });
        categoryIndex.push(c);
      } else
        columnNotes.push({
          name: header[c] as string,
          note: `text of ${counts.size} distinct values, not fitted (at most ${MAX_CATEGORIES} are picked from; a column of numbers with more than ${ODD_CELLS_SHARE * 100} % other cells is text)`,
        });
    }
  }
  if (numeric.length === 0) {
    return {
      problem: `the trace has no numeric columns to fit (columns: ${header.join(", ")}); surge init --from-trace needs at least one column of numbers`,
    };
  }

  const readTime = time ? rowTimeReader(time.format, dayTime) : undefined;
  const byGroup = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const g = groupIndex >= 0 ? (r[groupIndex] ?? "") : "";
    let list = byGroup.get(g);
    if (!list) byGroup.set(g, (list = []));
    list.push(i);
  });
  const groups: TraceGroup[] = [];
  const steps: number[] = [];
  for (const [value, unordered] of byGroup) {
    let indexes = unordered;
    let times: Float64Array | undefined;
    let own: number | undefined;
    if (readTime) {
      const t = indexes.map((i) => readTime(rows[i]?.[timeIndex] ?? "", rows[i]?.[dayTimeIndex]));
      const order = indexes.map((_, k) => k).sort((a, b) => (t[a] as number) - (t[b] as number));
      indexes = order.map((k) => indexes[k] as number);
      times = Float64Array.from(order.map((k) => t[k] as number));
      for (let k = 1; k < times.length; k++) steps.push((times[k] as number) - (times[k - 1] as number));
      own = steps.slice(steps.length - (times.length - 1)).sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)];
    }
    const series = numericIndex.map((c) => {
      const out = new Float64Array(indexes.length);
      let last = NaN;
      indexes.forEach((row, k) => {
        const cell = rows[row]?.[c] ?? "";
        // Gaps carry the last value forward (the first rows take the first value seen).
        if (isNumber(cell)) last = Number(cell);
        out[k] = last;
      });
      const first = out.find((x) => !Number.isNaN(x)) ?? 0;
      return out.map((x) => (Number.isNaN(x) ? first : x));
    });
    const texts = categoryIndex.map((c) => {
      let last: string | undefined;
      const out = indexes.map((row) => {
        const cell = rows[row]?.[c] ?? "";
        if (!isMissing(cell)) last = cell;
        return last;
      });
      const first = out.find((v) => v !== undefined) ?? "";
      return out.map((v) => v ?? first);
    });
    groups.push({
      value,
      ...(times ? { times } : {}),
      series,
      texts,
      ...(own !== undefined ? { cadenceMs: own } : {}),
    });
  }
  categories.forEach((col, k) => {
    const clock = nameClockOf(
      groups.map((g) => ({ texts: g.texts[k] as string[], ...(g.times ? { times: g.times } : {}) })),
    );
    if (clock) col.clock = clock;
  });
  numeric.forEach((col, k) => {
    if (isCumulative(groups.map((g) => g.series[k] as Float64Array))) col.cumulative = true;
  });
  steps.sort((a, b) => a - b);
  let cadenceMs = steps.length > 0 ? steps[Math.floor(steps.length / 2)] : undefined;
  // Rows on the first of each month, quarter or year step by calendar months (calendar.ts).
  const months = time ? calendarMonths(groups) : undefined;
  if (time && months) {
    time.months = months;
    cadenceMs = calendarCadenceMs(months);
    for (const g of groups) if (g.cadenceMs !== undefined) g.cadenceMs = cadenceMs;
  }
  if (time && !(cadenceMs !== undefined && cadenceMs > 0)) {
    // Rows sharing their times are most often several devices side by side.
    const named = groupIndex < 0 && cadenceMs === 0 ? deviceColumns(header, cells, timeIndex) : [];
    const hint =
      named.length > 0
        ? `: rows share their times; if the trace holds several devices, pass --group with the column that names them (${named.join(", ")}), else`
        : ";";
    return {
      problem: `column ${JSON.stringify(time.name)}: rows do not step forward in time (median step ${cadenceMs ?? "none"})${hint} pass --time with the right column`,
    };
  }
  return {
    columns: header,
    ...(time ? { time } : {}),
    ...(groupIndex >= 0 ? { group: header[groupIndex] as string } : {}),
    numeric,
    categories,
    columnNotes,
    ...(table.notes ? { fileNotes: table.notes } : {}),
    groups,
    ...(cadenceMs !== undefined ? { cadenceMs } : {}),
  };
}
