/**
 * A text column's runs: its mean run length (rows per run of one value, within each device), and
 * the per-device Markov chain that keeps both its shares and its runs, written as a `state` field.
 */

/** Rows per run of one value, over every device's rows (a device's first row starts a run). */
export function meanRunLength(series: readonly (readonly string[])[]): number {
  let rows = 0;
  let runs = 0;
  for (const x of series) for (let i = 0; i < x.length; i++, rows++) if (i === 0 || x[i] !== x[i - 1]) runs++;
  return runs === 0 ? NaN : rows / runs;
}

/** Each value's share of all rows. */
export function sharesOf(series: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  let n = 0;
  for (const x of series)
    for (const v of x) {
      counts.set(v, (counts.get(v) ?? 0) + 1);
      n++;
    }
  return new Map([...counts].map(([v, k]) => [v, k / n]));
}

/** The mean run length of values drawn independently with these shares: 1 / (1 − Σ p²). */
export function independentRunLength(shares: ReadonlyMap<string, number>): number {
  let same = 0;
  for (const p of shares.values()) same += p * p;
  return same >= 1 ? Infinity : 1 / (1 - same);
}

/**
 * Runs further than this from independent draws' (relative) make the column a chain: compare
 * checks the mean run length within 10 %, and a pick meets it only when the trace has no runs.
 */
const RUNS_SHOW = 0.05;
/** A state name of the `state` generator: printable ASCII without quotes or backslashes. */
const STATE_NAME = /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

/** Whether a text column is fitted as a chain: its runs are not independent draws', and its values can name states. */
export function showsRuns(series: readonly (readonly string[])[]): boolean {
  const shares = sharesOf(series);
  if (shares.size < 2 || ![...shares.keys()].every((v) => STATE_NAME.test(v))) return false;
  const ratio = meanRunLength(series) / independentRunLength(shares);
  return Math.abs(ratio - 1) > RUNS_SHOW;
}

export interface TextChain {
  /** State → {next: {other state: probability per event}} (the rest: stay). */
  states: Record<string, { next: Record<string, number> }>;
  /** State → its count in the device's rows (the chain's stationary shares). */
  initial: Record<string, number>;
}

const round6 = (p: number): number => Math.floor(p * 1e6) / 1e6;

/**
 * The chain of one device's values: P(a → b) = transitions a → b / rows of a, counted around the
 * series as a ring (the last row goes to the first), so every value has an exit and the chain's
 * stationary shares are exactly the rows' shares. Probabilities are rounded down (their sum stays ≤ 1).
 */
export function chainOf(x: readonly string[]): TextChain {
  const counts = new Map<string, number>();
  const moves = new Map<string, Map<string, number>>();
  x.forEach((v, i) => {
    counts.set(v, (counts.get(v) ?? 0) + 1);
    const to = x[(i + 1) % x.length] as string;
    if (to === v) return;
    let row = moves.get(v);
    if (!row) moves.set(v, (row = new Map()));
    row.set(to, (row.get(to) ?? 0) + 1);
  });
  const states: TextChain["states"] = {};
  for (const [v, n] of counts) {
    const next: Record<string, number> = {};
    for (const [to, k] of moves.get(v) ?? []) next[to] = round6(k / n);
    states[v] = { next };
  }
  return { states, initial: Object.fromEntries(counts) };
}
