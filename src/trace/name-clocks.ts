/**
 * Name clocks: a text column that is the weekday or month name of each row's time (Mon, Monday,
 * Jan, January) is written by `timeText` from simulated time, so each generated row names its own
 * timestamp's day, instead of drawing names independently of it.
 */
import { layoutWriter } from "../sim/time-layout.ts";

export interface NameClock {
  /** What the column is, for the YAML comment. */
  what: string;
  /** The timeText layout that writes it. */
  layout: string;
}

const CANDIDATES: readonly NameClock[] = [
  { what: "weekday name", layout: "ddd" },
  { what: "weekday name", layout: "dddd" },
  { what: "month name", layout: "MMM" },
  { what: "month name", layout: "MMMM" },
];
/** A share of rows may disagree with the time (a typo, a gap carried over midnight). */
const AGREE = 0.99;
/** compare's share line: within 0.1 × √(p (1 − p)) (the mean rule on the value's 0/1 indicator). */
const SHARE_TOLERANCE = 0.1;
const DAY_MS = 86_400_000;

/**
 * The name clock a text column follows, when at least 99 % of its rows agree with their times and
 * the trace's share of each name is within half compare's tolerance of the share a long run gives
 * (1/7 a weekday; a month its days / 365.2425): a trace of a few days names only those, and a
 * sample over many would not keep its shares.
 */
export function nameClockOf(
  groups: readonly { texts: readonly string[]; times?: Float64Array }[],
): NameClock | undefined {
  if (groups.some((g) => !g.times)) return undefined;
  const rows = groups.reduce((n, g) => n + g.texts.length, 0);
  if (rows < 3) return undefined;
  return CANDIDATES.find((c) => {
    const write = layoutWriter(c.layout);
    let agree = 0;
    const counts = new Map<string, number>();
    for (const g of groups)
      g.texts.forEach((v, i) => {
        const name = write((g.times as Float64Array)[i] as number);
        if (v === name) agree++;
        counts.set(name, (counts.get(name) ?? 0) + 1);
      });
    if (agree < AGREE * rows) return false;
    const month = c.layout.startsWith("M");
    const longRun = (name: string): number => {
      if (!month) return 1 / 7;
      // Days of the month in a 400-year cycle's average year.
      const m = Array.from({ length: 12 }, (_, k) => write(Date.UTC(2001, k, 1))).indexOf(name);
      const days = Math.round((Date.UTC(2001, m + 1, 1) - Date.UTC(2001, m, 1)) / DAY_MS);
      return (m === 1 ? 28.2425 : days) / 365.2425;
    };
    const names = Array.from({ length: month ? 12 : 7 }, (_, k) =>
      write(month ? Date.UTC(2001, k, 1) : Date.UTC(2001, 0, 7 + k)),
    );
    return names.every((name) => {
      const p = longRun(name);
      return Math.abs((counts.get(name) ?? 0) / rows - p) <= (SHARE_TOLERANCE / 2) * Math.sqrt(p * (1 - p));
    });
  });
}
