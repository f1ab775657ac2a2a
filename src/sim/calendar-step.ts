/**
 * Calendar steps for a fleet fitted to a monthly, quarterly or yearly trace: the k-th step of
 * `months` from the device's first event, written as the first of its month. Events come every
 * mean month (365.2425 / 12 days); counting steps from the first event (not the date each event
 * falls on) never skips or repeats a month.
 */

export const MEAN_MONTH_MS = (365.2425 / 12) * 86_400_000;

/** 00:00 UTC on the first of the month `months` steps after the first event at `firstMs`, for an event at `ms`. */
export function calendarStep(firstMs: number, ms: number, months: number): number {
  const k = Math.round((ms - firstMs) / (months * MEAN_MONTH_MS));
  const d = new Date(firstMs);
  // The first event's own step: its month, its quarter or its year, from their start.
  const start = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const from = start - (months === 12 ? d.getUTCMonth() : months === 3 ? d.getUTCMonth() % 3 : 0);
  const month = from + k * months;
  return Date.UTC(Math.floor(month / 12), month % 12, 1);
}
