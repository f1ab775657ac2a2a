/**
 * A trace logged on the first of every month, quarter or year: its rows step by calendar months,
 * not by a fixed duration (31 days drifted a sample's dates off the first; a month is skipped every
 * few years). The fleet steps by the mean month and writes each row's month from the device's first.
 */
import { MEAN_MONTH_MS } from "../sim/calendar-step.ts";

/** Months between rows that read as a calendar step: a month, a quarter, a year. */
const STEPS = [1, 3, 12];

/** Months from epoch ms at 00:00 UTC on the first of a month, or NaN for another time. */
function monthIndex(ms: number): number {
  const d = new Date(ms);
  const onFirst = d.getUTCDate() === 1 && ms % 86_400_000 === 0;
  return onFirst ? d.getUTCFullYear() * 12 + d.getUTCMonth() : NaN;
}

/** The calendar step (1, 3 or 12 months) of every row of every group, or undefined. */
export function calendarMonths(groups: readonly { times?: Float64Array }[]): number | undefined {
  const steps: number[] = [];
  for (const g of groups) {
    if (!g.times) return undefined;
    let last = NaN;
    for (const t of g.times) {
      const m = monthIndex(t);
      if (m !== m) return undefined;
      if (last === last) steps.push(m - last);
      last = m;
    }
  }
  steps.sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)];
  return median !== undefined && STEPS.includes(median) ? median : undefined;
}

/** The cadence of a calendar step: its months at the mean month's length. */
export const calendarCadenceMs = (months: number): number => months * MEAN_MONTH_MS;
