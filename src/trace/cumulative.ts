/** Cumulative columns (an energy meter, an odometer): never falling, by steps that vary. */

/**
 * A column is cumulative when, in every group, it never falls, rises overall and steps by at
 * least three different amounts (one amount is a counter, two a switch): its level then depends
 * on how long a run is, its steps are what a fleet can reproduce.
 */
export function isCumulative(series: readonly Float64Array[]): boolean {
  if (series.length === 0) return false;
  for (const x of series) {
    if (x.length < 10 || (x[x.length - 1] as number) <= (x[0] as number)) return false;
    const amounts = new Set<number>();
    for (let i = 1; i < x.length; i++) {
      const d = (x[i] as number) - (x[i - 1] as number);
      if (d < 0) return false;
      if (amounts.size < 3) amounts.add(d);
    }
    if (amounts.size < 3) return false;
  }
  return true;
}

/** The steps of a level, as long as the level: the first row repeats the first step. */
export function stepsOf(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 1; i < x.length; i++) out[i] = (x[i] as number) - (x[i - 1] as number);
  if (x.length > 1) out[0] = out[1] as number;
  return out;
}
