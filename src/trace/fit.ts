/**
 * Fits one group (device) of a trace: per numeric column its quantile function and cycles; across
 * the columns a vector AR(1) on the latent scores (var-model.ts). The values' lag-1
 * autocorrelations and pairwise correlations are then matched by simulation: the model is run,
 * compared with the trace and corrected a few times (a copula's latent correlations are not its
 * values' correlations for skewed or 0/1 columns).
 * (Over 300 lines: the state choice, the per-column fit and the correction share the picked
 * columns; the parts with their own rules are in given.ts, shift.ts, episodes.ts, cumulative.ts,
 * trend.ts.)
 */
import type { TraceGroup } from "./columns.ts";
import { clockOf, type Clock } from "./clock-columns.ts";
import { findCycles } from "./cycles.ts";
import { cycleScore, marginalAt, type ColumnModel, type Cycle, type LatentModel } from "../sim/copula/latent.ts";
import { clamp, counterOf, MAX_STEP_VALUES, quantilesOf, roundTo } from "./marginal.ts";
import { chooseStates, conditionalScores, sides, split } from "./given.ts";
import { correct, type Correction } from "./correct.ts";
import { correlations, simulate } from "./simulate.ts";
import { covariances } from "./var-model.ts";
import { acf1, mean, normalScores, normInv, pearson, std } from "./stats.ts";
import { calibrateBinaryCycles } from "./binary-cycles.ts";
import { undoCycleMix } from "./cycle-marginal.ts";
import { fitValueCycles } from "./value-cycles.ts";
import { steppedColumn, type SteppedColumn } from "./score-law.ts";
import { fitShift } from "./shift.ts";
import { stepsOf } from "./cumulative.ts";
import { scheduleOf, type EpisodeSchedule } from "./episodes.ts";
import { carryThrough, responseOf } from "./episode-response.ts";
import { fitLevel, isTrend, remapOf, type Level } from "./trend.ts";

/** compare's tolerances: a lag-1 autocorrelation within 0.05, a correlation within 0.1. */
const ACF_TOLERANCE = 0.05;
const CORRELATION_TOLERANCE = 0.1;

export type FittedColumn =
  /** `start`: a cumulative column, whose steps the model draws from that level on. */
  | { name: string; kind: "trace"; decimals: number; model: ColumnModel; start?: number }
  | { name: string; kind: "counter"; decimals: number; start: number; step: number }
  | { name: string; kind: "constant"; decimals: number; value: number }
  | { name: string; kind: "clock"; decimals: number; clock: Clock };

export interface FittedGroup {
  value: string;
  columns: FittedColumn[];
  /** The latent process of the trace columns, in column order. */
  latent: LatentModel;
  /** What the trace shows and the fitted model gives (by simulation). */
  check: { acfTrace: number[]; acfModel: number[]; worstCorrelationGap: number };
}

export interface FitInput {
  names: string[];
  decimals: number[];
  /** Per column: cumulative (cumulative.ts), fitted by its steps. */
  cumulative?: boolean[];
  /** Fit no trend (fit.ts weighs the fit without one). */
  noTrend?: boolean;
  cadenceMs: number;
  seed: number;
}

export function fitGroup(g: TraceGroup, o: FitInput): FittedGroup {
  const others: FittedColumn[] = [];
  const picked: Picked[] = [];
  g.series.forEach((x, c) => {
    const name = o.names[c] as string;
    const decimals = o.decimals[c] as number;
    if (std(x) === 0) return others.push({ name, kind: "constant", decimals, value: x[0] as number });
    const counter = counterOf(x);
    if (counter) return others.push({ name, kind: "counter", decimals, ...counter });
    const clock = g.times ? clockOf(x, g.times) : undefined;
    if (clock) return others.push({ name, kind: "clock", decimals, clock });
    if (o.cumulative?.[c]) picked.push({ name, decimals, x: stepsOf(x), start: x[0] as number });
    else picked.push({ name, decimals, x });
    return undefined;
  });
  // A 0/1 column's persistence comes from holding its value (fitted below), not from pushing its
  // latent toward a random walk: a latent that slow flickers at the threshold and needs samples
  // far longer than the trace for its share to settle.
  const isBinary = picked.map((p) => new Set(p.x).size === 2);
  const stamps = g.times;
  const cyclic = picked.map(
    (p, i) => !!stamps && !!isBinary[i] && findCycles(normalScores(p.x), stamps, o.cadenceMs, true).length > 0,
  );
  picked.forEach((p, i) => {
    p.cyclic = cyclic[i] as boolean;
    // A state of a few episodes is spaced evenly (episodes.ts), not held like a chain.
    const schedule = isBinary[i] && !p.cyclic ? scheduleOf(p.x) : undefined;
    if (schedule) p.schedule = schedule;
  });
  const states = chooseStates(
    picked.map((p) => p.x),
    isBinary,
    cyclic,
  );
  // A state-conditioned marginal is kept only when it fits better than the copula alone (a
  // reading may follow a state in its marginal yet not in its memory): both are simulated.
  // Greedy: drop the followed state whose loss helps most, while one helps. The candidates are
  // judged on runs a quarter as long (a trial), the chosen one fitted in full.
  if (!states.some((s) => s >= 0)) return fitFinal(g, o, picked, others, states);
  let best = fitEither(g, o, picked, others, states, TRIAL);
  let chosen = states;
  while (chosen.some((s) => s >= 0)) {
    const tries = chosen.flatMap((s, i) =>
      s < 0 ? [] : [{ states: chosen.map((t, j) => (j === i ? -1 : t)), fit: undefined as Scored | undefined }],
    );
    for (const t of tries) t.fit = fitEither(g, o, picked, others, t.states, TRIAL);
    const next = tries.reduce((a, b) => ((b.fit as Scored).score < (a.fit as Scored).score ? b : a));
    if ((next.fit as Scored).score >= best.score) break;
    [best, chosen] = [next.fit as Scored, next.states];
  }
  return fitFinal(g, o, picked, others, chosen);
}

/**
 * The full fit; with a trend whose check misses a tolerance, also without it, and the better
 * kept: replayed over a span of a few dozen rows, a level's lag-1 autocorrelation is a long
 * sample's, above what compare's estimator gives the trace's few rows (copper's 25 years:
 * 0.97 against 0.91), and the stationary fit may check better.
 */
function fitFinal(
  g: TraceGroup,
  o: FitInput,
  picked: readonly Picked[],
  others: readonly FittedColumn[],
  states: number[],
): FittedGroup {
  const fit = fitEither(g, o, picked, others, states, 1);
  if (fit.score <= 1 || !fit.trended) return fit.group;
  const flat = fitEither(g, { ...o, noTrend: true }, picked, others, states, 1);
  return flat.score < fit.score ? flat.group : fit.group;
}

/**
 * The fit with one memory per column (var-model.ts); when its check fails a tolerance, also the
 * fit as independent factors (factor-var.ts), and the better of the two. Trials stay with one
 * memory per column: the followed states are chosen as before (a factor trial, better on its own
 * terms, dropped the pump that a power reading follows).
 */
function fitEither(
  g: TraceGroup,
  o: FitInput,
  picked: readonly Picked[],
  others: readonly FittedColumn[],
  states: number[],
  length: number,
): Scored {
  const diagonal = fitStates(g, o, [...picked], others, states, length, false);
  if (diagonal.score <= 1 || length < 1) return diagonal;
  const factor = fitStates(g, o, [...picked], others, states, length, true);
  return factor.score < diagonal.score ? factor : diagonal;
}

/** Length of a trial fit's simulations, as a share of a full fit's. */
const TRIAL = 0.25;

type Scored = { group: FittedGroup; score: number; trended: boolean };
type Picked = {
  name: string;
  decimals: number;
  x: Float64Array;
  cyclic?: boolean;
  schedule?: EpisodeSchedule;
  /** A cumulative column's first level (x holds its steps). */
  start?: number;
};

/** The fit with each column following the state `states[i]` (-1: none); its score is the check's worst gap in compare's tolerances. */
function fitStates(
  g: TraceGroup,
  o: FitInput,
  picked: Picked[],
  others: readonly FittedColumn[],
  states: number[],
  length: number,
  factor: boolean,
): Scored {
  // The kind's first trace column runs the latent process that the others read, so it must
  // follow no state (the state reads it): put a column that follows none first, a scheduled
  // state if there is one (it reads no latent, so the readings may step with it).
  const scheduled = picked.findIndex((p, i) => p.schedule && (states[i] as number) < 0);
  const lead = scheduled >= 0 ? scheduled : states.findIndex((s) => s < 0);
  if (lead > 0) {
    const order = [lead, ...picked.keys()].filter((i, at) => at === 0 || i !== lead);
    const place = new Map(order.map((i, at) => [i, at]));
    const [p, s] = [picked, states];
    picked.splice(0, picked.length, ...order.map((i) => p[i] as (typeof picked)[number]));
    states = order.map((i) =>
      s[i] === undefined || (s[i] as number) < 0 ? -1 : (place.get(s[i] as number) as number),
    );
  }
  const columns: FittedColumn[] = [];
  const models: ColumnModel[] = [];
  const traceSeries: Float64Array[] = [];
  const residuals: Float64Array[] = [];
  const stepped: SteppedColumn[] = [];
  const levels = trendLevels(g, o, picked, states);
  picked.forEach(({ name, decimals, x: values, start }, i) => {
    // A reading that responds to a scheduled state's episodes writes its path through them (the
    // lead column never: the states read its process); its table is then the rows outside them.
    const path = i > 0 && new Set(values).size > 2 ? responseOf(values, picked, decimals) : undefined;
    const stateAt = path ? path.column : (states[i] as number);
    const state = stateAt >= 0 ? (picked[stateAt]?.x as Float64Array) : undefined;
    const trend = path ? undefined : levels[i];
    const x = trend ? trend.x : values;
    const above = state ? split(state) : 0;
    // A reading that follows a state is ranked within each of the state's sides.
    const scores = state ? conditionalScores(x, state, above) : normalScores(x);
    if (path && state) carryThrough(scores, state, above);
    const scale = std(scores) || 1;
    const found = g.times ? findCycles(scores, g.times, o.cadenceMs, true) : [];
    const cycles: Cycle[] = found.map((f) => ({
      period: f.period,
      profile: f.profile.map((v) => roundTo(v / scale, 4)),
    }));
    const periodic = g.times ? Float64Array.from(g.times, (t) => cycleScore(cycles, t)) : new Float64Array(x.length);
    const [low, high] = state ? sides(x, state, above) : [x, undefined];
    const { quantiles, steps, probabilities, tails } = quantilesOf(low, decimals);
    const model: ColumnModel = {
      quantiles,
      ...(probabilities ? { probabilities } : {}),
      // A reading that follows a state mixes two tables: its extremes keep their own draws.
      ...(tails && !state ? { tails } : {}),
      ...(steps ? { steps } : {}),
      cycles,
      ...(trend ? { trend: trend.trend } : {}),
      ...(picked[i]?.schedule ? { episodes: picked[i].schedule } : {}),
      ...(path ? { path: { column: path.column, above, values: path.values } } : {}),
    };
    if (high && !path) {
      const h = quantilesOf(high, decimals);
      model.given = {
        column: stateAt,
        above,
        quantiles: h.quantiles,
        ...(h.probabilities ? { probabilities: h.probabilities } : {}),
        ...(h.steps ? { steps: true } : {}),
      };
    }
    columns.push({ name, kind: "trace", decimals, model, ...(start === undefined ? {} : { start }) });
    models.push(model);
    traceSeries.push(values);
    let residual = scores.map((v, t) => v / scale - (periodic[t] as number));
    // A reading beside a held state of its own (not its season's, not the one it follows, and
    // never the lead column, which the states read) steps with that state's value.
    const isReading = new Set(x).size > 2;
    const shift =
      i > 0 && isReading
        ? fitShift(
            residual,
            picked.flatMap((p, j) =>
              j === i || j === stateAt || p.cyclic || new Set(p.x).size !== 2
                ? []
                : [{ column: j, x: p.x, ...(p.schedule ? { schedule: p.schedule } : {}) }],
            ),
          )
        : undefined;
    // The latent keeps the residual without the step; the tables are composed with it.
    const mixed = shift ? periodic.map((c, t) => c + (shift.effect[t] as number)) : periodic;
    if (shift) {
      model.shift = {
        column: shift.column,
        above: shift.above,
        by: roundTo(shift.by, 4),
        ...(shift.decay > 0 ? { decay: roundTo(shift.decay, 4) } : {}),
      };
      residual = residual.map((v, t) => v - (shift.effect[t] as number));
    }
    residuals.push(residual);
    // A stepped reading's tables are composed again each correction round (score-law.ts).
    if (shift && !path) stepped.push(steppedColumn(i, model, periodic, state, above));
    // A two-valued column's cycles, fitted on the mean score, are set on its probit scale;
    // another column's table undoes the skew its cycles' mixture gives Φ(c + u).
    // A plain reading's profiles are then set on its values' scale (value-cycles.ts); a trending
    // column's values carry its level, which those profiles were not fitted beside.
    if (!state && !shift && !trend && cycles.length > 0 && isReading && g.times)
      fitValueCycles(
        model,
        cycles,
        found.map((f) => f.smooth === true),
        x,
        g.times,
        std(residual),
      );
    else if (!state && (cycles.length > 0 || shift) && isReading) undoCycleMix(model, mixed, std(residual));
    // The level, the spread and the table's draws together keep the trace's law (trend.ts).
    if (trend) model.trend = { ...trend.trend, remap: remapOf(trend, (p) => marginalAt(model, p), values) };
    if (state && shift && model.given) {
      const high = (state: Float64Array): ArrayLike<number> => mixed.filter((_, t) => (state[t] as number) > above);
      undoCycleMix(
        model,
        mixed.filter((_, t) => !((state[t] as number) > above)),
        std(residual),
      );
      undoCycleMix(model.given, high(state), std(residual));
    }
    if (!state && g.times && cycles.length > 0 && new Set(x).size === 2) {
      const top = x.reduce((a, b) => Math.max(a, b), -Infinity);
      const first = Array.prototype.findIndex.call(model.quantiles, (q: number) => q === top);
      if (model.steps && first > 0) {
        const tau = normInv(first / model.quantiles.length);
        calibrateBinaryCycles(
          cycles,
          x.map((v) => (v === top ? 1 : 0)),
          g.times,
          tau,
          std(residual),
        );
        for (const c of cycles) c.profile = Array.from(c.profile, (v) => roundTo(v, 4));
      }
    }
  });
  columns.push(...others);
  const k = models.length;
  const acfTrace = traceSeries.map((x) => acf1([x]));
  const binary = traceSeries.map((x) => new Set(x).size === 2);
  // The VAR(1) of the latent scores (consistent: from the data), then corrected by simulation
  // until the values' lag-0 and lag-1 correlations are the trace's.
  const { c0, c1 } = covariances(residuals);
  const variance = Array.from({ length: k }, (_, i) => c0[i * k + i] as number);
  const target = correlations(traceSeries);
  // Slow columns need long runs for stable statistics; many columns make each step dear.
  const n = Math.round(length * clamp(Math.round(3e6 / Math.max(1, k * k)), 12000, 200000));
  const t0 = g.times?.[0] ?? 0;
  const times = Float64Array.from({ length: n }, (_, i) => t0 + i * o.cadenceMs);
  const fit: Correction = { models, binary, target, c0, c1, variance, times, seed: o.seed, stepped, factor };
  let latent = correct(fit, false);
  // Each 0/1 column held with the probability that lifts its lag-1 autocorrelation a (the
  // latent's) to the trace's t: held values repeat, so the held series has about h + (1 - h) a.
  const free = correlations(simulate(models, latent, times, o.seed));
  let held = false;
  models.forEach((m, i) => {
    if (!binary[i] || m.episodes) return;
    const a = free.lag1[i * k + i] as number;
    const t = acfTrace[i] as number;
    if (t > a + 0.01) [m.hold, held] = [roundTo(clamp((t - a) / (1 - a), 0, 0.9999), 4), true];
  });
  // A reading that follows a held state moves with the held state: correct once more, the
  // holds (and so the states' memories) fixed.
  if (held && states.some((s) => s >= 0)) latent = correct(fit, true);
  // The check: the fitted model run at the trace's cadence and time of day, for whole periods of
  // a scheduled state (a part of one would misstate its share).
  const period = Math.max(1, ...models.map((m) => m.episodes?.every ?? 1));
  const checked = period * Math.max(1, Math.round((30000 * length) / period));
  const sim = simulate(
    models,
    latent,
    Float64Array.from({ length: checked }, (_, i) => t0 + i * o.cadenceMs),
    o.seed + 1,
  );
  const acfModel = sim.map((x) => acf1([x]));
  let worst = 0;
  let score = 0;
  for (let i = 0; i < k; i++) {
    score = Math.max(score, Math.abs((acfModel[i] as number) - (acfTrace[i] as number)) / ACF_TOLERANCE);
    // A marginal mixed by a rare state's share wanders with that share: its mean and spread count too.
    const [x, y] = [traceSeries[i] as Float64Array, sim[i] as Float64Array];
    const spread = std(x) || 1;
    score = Math.max(score, Math.abs(mean(y) - mean(x)) / (0.1 * spread), Math.abs(std(y) / spread - 1) / 0.1);
    for (let j = i + 1; j < k; j++) {
      const gap = Math.abs(
        pearson(traceSeries[i] as Float64Array, traceSeries[j] as Float64Array) -
          pearson(sim[i] as Float64Array, sim[j] as Float64Array),
      );
      worst = Math.max(worst, gap);
      score = Math.max(score, gap / CORRELATION_TOLERANCE);
    }
  }
  latent = {
    k,
    transition: latent.transition.map((x) => roundTo(x, 6)),
    cholesky: latent.cholesky.map((x) => roundTo(x, 6)),
  };
  return {
    group: { value: g.value, columns, latent, check: { acfTrace, acfModel, worstCorrelationGap: worst } },
    score,
    trended: levels.some(Boolean),
  };
}

/**
 * Each reading's level across the trace (trend.ts), when one of them shows a trend: the rest is
 * fitted as any column (table, cycles, memory) and the level added back to its draws. Every
 * reading of the group then gets its level, replayed in step with the trend's: the trace's
 * correlations with a trending column (an interest rate that rose and fell beside a growing
 * economy) are mostly their levels'. Not a state's (held or scheduled), nor a reading's that
 * follows one.
 */
function trendLevels(
  g: TraceGroup,
  o: FitInput,
  picked: readonly Picked[],
  states: readonly number[],
): (Level | undefined)[] {
  if (o.noTrend) return picked.map(() => undefined);
  const times = rowTimes(g, o);
  const levels = picked.map((p, i) =>
    (states[i] as number) < 0 && !p.schedule && new Set(p.x).size > 2 ? fitLevel(p.x, times) : undefined,
  );
  const trending = levels.map((l) => !!l && isTrend(l, times, o.cadenceMs));
  if (!trending.some(Boolean)) return levels.map(() => undefined);
  // Beside a trend, a column of few values (a quarter's number, a count) keeps its steps unless it trends itself.
  return levels.map((l, i) => (trending[i] || new Set((picked[i] as Picked).x).size > MAX_STEP_VALUES ? l : undefined));
}

/** The group's row times, or the rows at the cadence when the trace has none. */
function rowTimes(g: TraceGroup, o: FitInput): ArrayLike<number> {
  return g.times ?? Float64Array.from(g.series[0] ?? [], (_, t) => t * o.cadenceMs);
}
