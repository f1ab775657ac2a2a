/** A date and a time of day in two columns (as loggers often write them), read as one time. */
import { detectDayTime, layoutReader, timeReader, type TimeFormat } from "../sim/time-layout.ts";

export interface DayTime {
  /** The column of times of day. */
  name: string;
  layout: string;
}

/** Beside a column of dates only, the first other column of times of day, if any. */
export function dayTimeBeside(
  header: readonly string[],
  cells: (c: number) => string[],
  format: TimeFormat,
  timeIndex: number,
): DayTime | undefined {
  if (format.kind !== "layout" || format.layout.includes("HH")) return undefined;
  for (let c = 0; c < header.length; c++) {
    if (c === timeIndex) continue;
    const layout = detectDayTime(cells(c));
    if (layout) return { name: header[c] as string, layout };
  }
  return undefined;
}

/** A reader of a row's time (epoch ms) from its time cell and, when split, its time-of-day cell. */
export function rowTimeReader(
  format: TimeFormat,
  dayTime: DayTime | undefined,
): (date: string, day?: string) => number {
  const readDate = timeReader(format);
  if (!dayTime) return (date) => readDate(date);
  const readDay = layoutReader(dayTime.layout);
  return (date, day) => readDate(date) + readDay(day ?? "");
}
