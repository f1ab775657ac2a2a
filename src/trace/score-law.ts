/**
 * A stepped reading's tables composed with the simulated law of its score. fit.ts composes a
 * table with the law of c + u + step for a step independent of the reading's latent u; the
 * correction (correct.ts) then correlates u with the state's latent, which moves the state (and
 * so the step) with u, and the score spreads wider than that law: the beaver's temperature came
 * out with std 0.21 against the trace's 0.193. Each correction round recomposes the tables from
 * the law of u + step in its own simulation, so the marginal stays the trace's.
 */
import { columnValue, type ColumnModel } from "../sim/copula/latent.ts";
import { mixture, undoMix, Z_MAX, Z_STEP, type Table } from "./cycle-marginal.ts";
import { levelOf } from "./simulate.ts";

/** One side of a stepped reading: its table before composition, and its cycle c at the trace's rows on that side. */
interface Side {
  base: Table;
  cycle: Float64Array;
}

export interface SteppedColumn {
  column: number;
  /** The table (below the state of a `given` reading). */
  low: Side;
  /** A `given` reading's table above its state. */
  high?: Side;
}

/**
 * Reading `column`'s entry, taken before its tables are composed: `cycle` is its cycle c at the
 * trace's rows, split by the state it follows (if any) at `above`.
 */
export function steppedColumn(
  column: number,
  model: ColumnModel,
  cycle: Float64Array,
  state: Float64Array | undefined,
  above: number,
): SteppedColumn {
  const on = (t: number): boolean => !!state && (state[t] as number) > above;
  const low = { base: tableOf(model), cycle: cycle.filter((_, t) => !on(t)) };
  if (!model.given) return { column, low };
  return { column, low, high: { base: tableOf(model.given), cycle: cycle.filter((_, t) => on(t)) } };
}

/** A copy of a table's own fields (the arrays are replaced, never written into). */
function tableOf(t: Table): Table {
  return {
    quantiles: t.quantiles,
    ...(t.steps ? { steps: true } : {}),
    ...(t.probabilities ? { probabilities: t.probabilities } : {}),
    ...(t.tails ? { tails: t.tails } : {}),
  };
}

/** `target`'s table set to `t`'s. */
function setTable(target: Table, t: Table): void {
  target.quantiles = t.quantiles;
  if (t.probabilities) target.probabilities = t.probabilities;
  else delete target.probabilities;
  if (t.tails) target.tails = t.tails;
  else delete target.tails;
}

/** What a round tunes in a stepped column: its tables (low, high) and its step. */
export interface Saved {
  tables: Table[];
  by: number;
}

/** The stepped columns' tables and steps, to put back with `restore`. */
export function snapshot(models: readonly ColumnModel[], stepped: readonly SteppedColumn[]): Saved[] {
  return stepped.map(({ column }) => {
    const m = models[column] as ColumnModel;
    return { tables: m.given ? [tableOf(m), tableOf(m.given)] : [tableOf(m)], by: m.shift?.by ?? 0 };
  });
}

export function restore(models: readonly ColumnModel[], stepped: readonly SteppedColumn[], saved: Saved[]): void {
  stepped.forEach(({ column }, at) => {
    const m = models[column] as ColumnModel;
    const { tables, by } = saved[at] as Saved;
    const [low, high] = tables;
    setTable(m, low as Table);
    if (m.given && high) setTable(m.given, high);
    if (m.shift) m.shift.by = by;
  });
}

/** Largest change of a step in one round. */
const MAX_BY_STEP = 0.5;

/**
 * The stepped reading i when j is the state it steps with. When the state flickers (the step is a
 * kick: `decay`), their correlation is tuned by the step as well as by the latents': a memoryless
 * flag's latent correlation with a slow reading is bounded (by √(1 − φ²) of the reading's) and a
 * threshold loses part of it, so a flag that comes when the reading is high (not only lifts it)
 * needs more than the kick fitted on the reading's innovations; the step alone, grown, would
 * dilute the reading's latent correlations with the other columns.
 */
export function stepPair(
  models: readonly ColumnModel[],
  stepped: readonly SteppedColumn[],
  i: number,
  j: number,
): SteppedColumn | undefined {
  return models[i]?.shift?.column === j ? stepped.find((s) => s.column === i) : undefined;
}

/** The largest score a table tells apart: its probabilities are kept to 9 decimals, and 1 − Φ(6) is 1e-9. */
const MAX_SCORE = 6;

/** The probability of a table's top step (between its last two points): the share of scores that may lie past MAX_SCORE. */
function topStep(t: Table): number {
  const k = t.quantiles.length;
  if (t.steps || k < 2) return 1 / Math.max(1, k);
  return 1 - (t.probabilities ? (t.probabilities[k - 2] as number) : (k - 2) / (k - 1));
}

/**
 * The step of `reading` moved by a gap `gap` in its correlation with its state (`state`, the
 * simulated values; `scores`, the reading's simulated u + step): the step's part of that
 * correlation is about by √(p (1 − p)), p the share of rows with the state above (the score's
 * spread is about 1). It grows no further once more scores pass MAX_SCORE than the table's top
 * step holds: past it, the table's upper points would merge.
 */
export function tuneStep(
  models: readonly ColumnModel[],
  reading: SteppedColumn,
  gap: number,
  state: ArrayLike<number>,
  scores: ArrayLike<number>,
): void {
  const shift = models[reading.column]?.shift;
  // A held state's step is its value's own mean difference, which carries the pair's
  // correlation (the door's flow ~ alarm); only a kick has a part no latent can give.
  if (!shift?.decay || state.length === 0) return;
  let high = 0;
  for (let t = 0; t < state.length; t++) if ((state[t] as number) > shift.above) high++;
  const p = high / state.length;
  const slope = Math.sqrt(p * (1 - p));
  if (!(slope > 0)) return;
  const change = Math.max(-MAX_BY_STEP, Math.min(MAX_BY_STEP, gap / slope));
  let past = 0;
  for (let t = 0; t < scores.length; t++) if (Math.abs(scores[t] as number) > MAX_SCORE) past++;
  const room = Math.min(topStep(reading.low.base), reading.high ? topStep(reading.high.base) : 1);
  if (Math.sign(change) === Math.sign(shift.by) && past > room * scores.length) return;
  // Its sign is the trace's: a gap never turns the step round.
  const by = Math.sign(shift.by) * Math.max(0, Math.sign(shift.by) * (shift.by + change));
  shift.by = Number(by.toFixed(4));
}

/**
 * The empirical distribution function of `samples`, counted on the grid the mixture uses and
 * linear between its points (no sort: a round's simulation is 10⁵ rows and more).
 */
function empirical(samples: ArrayLike<number>): (u: number) => number {
  const count = Math.round((2 * Z_MAX) / Z_STEP) + 1;
  const below = new Float64Array(count);
  const at = (u: number): number => (u + Z_MAX) / Z_STEP;
  for (let t = 0; t < samples.length; t++) {
    const b = Math.min(count - 1, Math.max(0, Math.ceil(at(samples[t] as number))));
    below[b] = (below[b] as number) + 1;
  }
  for (let i = 1; i < count; i++) below[i] = (below[i] as number) + (below[i - 1] as number);
  for (let i = 0; i < count; i++) below[i] = (below[i] as number) / samples.length;
  return (u) => {
    const x = Math.min(count - 1, Math.max(0, at(u)));
    const i = Math.min(count - 2, Math.floor(x));
    return (below[i] as number) + (x - i) * ((below[i + 1] as number) - (below[i] as number));
  };
}

/** One side's table composed with the law of c + v, c the trace's cycle values and v the simulated `scores`. */
function compose(target: Table, side: Side, scores: ArrayLike<number>): void {
  if (scores.length === 0) return;
  setTable(target, side.base);
  // A column without a cycle mixes one point, not 256 equal ones.
  const { cycle } = side;
  const flat = cycle.every((c) => c === cycle[0]);
  undoMix(target, mixture(flat ? cycle.subarray(0, 1) : cycle, empirical(scores)));
}

/**
 * The stepped columns' tables recomposed with `scores` (u + step per column and event, from
 * simulate), and their values in `sim` rewritten from those scores: what a simulation with the
 * new tables gives (a reading's value feeds no other column, and its value draws no randoms).
 */
export function recompose(
  models: readonly ColumnModel[],
  stepped: readonly SteppedColumn[],
  scores: readonly Float64Array[],
  sim: readonly Float64Array[],
  times: ArrayLike<number>,
): void {
  for (const { column, low, high } of stepped) {
    const m = models[column] as ColumnModel;
    const z = scores[column] as Float64Array;
    const given = m.given;
    const state = given ? (sim[given.column] as Float64Array) : undefined;
    const above = (t: number): boolean => !!state && (state[t] as number) > (given?.above as number);
    compose(m, low, state ? z.filter((_, t) => !above(t)) : z);
    if (given && high)
      compose(
        given,
        high,
        z.filter((_, t) => above(t)),
      );
    const x = sim[column] as Float64Array;
    const visits = new Float64Array(2);
    for (let t = 0; t < x.length; t++)
      x[t] = levelOf(
        m,
        columnValue(m, z[t] as number, times[t] as number, state ? (state[t] as number) : -Infinity, visits),
        times,
        t,
      );
  }
}
