/**
 * Clock columns: a column that is a function of the row's time (the hour, HHMM, the minute of the
 * day, the weekday) is written as the same function of simulated time, an `expr` over `now`, so
 * every generated row agrees with its own timestamp exactly.
 */

const DAY_S = 86_400;
const WEEK_S = 7 * DAY_S;
/** A trace must span this many of a clock's periods for the sample's spread of values (all of them, evenly) to be the trace's. */
const MIN_PERIODS = 4;

export interface Clock {
  /** What the column is, for the YAML comment. */
  what: string;
  /** The expression over `now` (simulated epoch seconds) that the fleet writes. */
  expr: string;
  /** The same function in JS, of epoch seconds. */
  at: (now: number) => number;
  periodS: number;
}

const mod = (x: number, m: number): number => ((x % m) + m) % m;
const hour = (s: number): number => Math.floor(mod(s, DAY_S) / 3600);
const minute = (s: number): number => Math.floor(mod(s, 3600) / 60);
/** Days since 1970-01-01 (a Thursday) plus 3: Monday is 0. */
const weekday = (s: number, shift: number): number => mod(Math.floor(s / DAY_S) + shift, 7);

/** The candidates, most specific last so that an exact match is named by what it is. */
export const CLOCKS: readonly Clock[] = [
  { what: "hour of the day", expr: "floor(now % 86400 / 3600)", at: hour, periodS: DAY_S },
  { what: "hour of the day, 1-24", expr: "floor(now % 86400 / 3600) + 1", at: (s) => hour(s) + 1, periodS: DAY_S },
  {
    what: "minute of the day",
    expr: "floor(now % 86400 / 60)",
    at: (s) => Math.floor(mod(s, DAY_S) / 60),
    periodS: DAY_S,
  },
  {
    what: "time of day as HHMM",
    expr: "floor(now % 86400 / 3600) * 100 + floor(now % 3600 / 60)",
    at: (s) => hour(s) * 100 + minute(s),
    periodS: DAY_S,
  },
  { what: "weekday, Monday 0", expr: "floor(now / 86400 + 3) % 7", at: (s) => weekday(s, 3), periodS: WEEK_S },
  { what: "weekday, Monday 1", expr: "floor(now / 86400 + 3) % 7 + 1", at: (s) => weekday(s, 3) + 1, periodS: WEEK_S },
  { what: "weekday, Sunday 0", expr: "floor(now / 86400 + 4) % 7", at: (s) => weekday(s, 4), periodS: WEEK_S },
  { what: "weekday, Sunday 1", expr: "floor(now / 86400 + 4) % 7 + 1", at: (s) => weekday(s, 4) + 1, periodS: WEEK_S },
];

/** The clock that `x` is at every row's time (epoch ms), when the trace spans enough of its periods. */
export function clockOf(x: ArrayLike<number>, timesMs: ArrayLike<number>): Clock | undefined {
  const n = x.length;
  if (n < 3 || timesMs.length !== n) return undefined;
  const spanS = ((timesMs[n - 1] as number) - (timesMs[0] as number)) / 1000;
  return CLOCKS.find(
    (c) =>
      spanS >= MIN_PERIODS * c.periodS &&
      Array.prototype.every.call(x, (v: number, i: number) => v === c.at((timesMs[i] as number) / 1000)),
  );
}
