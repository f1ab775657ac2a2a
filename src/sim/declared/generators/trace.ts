/**
 * trace: a column of a fleet fitted to a recorded trace (`surge init --from-trace`): the trace's
 * quantile function applied to a latent score made of periodic profiles (time of day, day of
 * week, time of year) and one component of a vector AR(1) process shared by the kind's trace
 * columns (a Gaussian copula). The first column holds the process (`transition`, `cholesky`);
 * the others name it with `of`. Spike, drift and stuck anomalies apply. A trending column's
 * level (src/sim/copula/trend.ts) is added to its draws.
 * (Over 300 lines: the parameters' docs and checks are the spec users read; the compiled parts
 * each call a module of their own: latent.ts, episode-path.ts, trend.ts.)
 */
import { gauss } from "../../gauss.ts";
import { columnValue, latentStepper, PERIODS, tailStart, type ColumnModel, type Cycle } from "../../copula/latent.ts";
import { probabilityIndex } from "../../copula/probability-index.ts";
import type { GeneratorSpec } from "../spec.ts";
import { DECIMALS, num } from "./common.ts";
import { readingCode } from "./reading-tail.ts";
import { pathValue } from "../../episode-path.ts";
import { onTrend } from "../../copula/trend.ts";
import { parseDuration } from "../../../common/duration.ts";

const MAX_COLUMNS = 99;
const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === "number");

/** Size k of a row-by-row lower triangle of `length` numbers, or NaN. */
export function triangleSize(length: number): number {
  const k = (Math.sqrt(8 * length + 1) - 1) / 2;
  return Number.isInteger(k) ? k : NaN;
}

/** Probabilities with their bucket index (when they rise from 0 to 1). */
function withIndex(probabilities: Float64Array): { probabilities: Float64Array; index?: Uint16Array } {
  const index = probabilityIndex(probabilities);
  return index ? { probabilities, index } : { probabilities };
}

function problems(p: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const key of [
    "quantiles",
    "probabilities",
    "givenQuantiles",
    "givenProbabilities",
    "cholesky",
    "transition",
    "tails",
    "path",
    "trend",
    "trendSpread",
    "trendFrom",
    "trendTo",
    ...PERIODS,
  ]) {
    if (p[key] !== undefined && !numbers(p[key])) out.push(`${key}: must be a list of numbers`);
  }
  const q = p["quantiles"];
  if (numbers(q) && q.some((x, i) => i > 0 && x < (q[i - 1] as number)))
    out.push("quantiles: must not decrease (the column's values at probabilities 0 to 1)");
  if (numbers(q) && q.length < 2 && p["steps"] !== true)
    out.push("quantiles: needs at least 2 values (probability 0 and 1)");
  const pr = p["probabilities"];
  if (numbers(pr) && numbers(q) && p["steps"] !== true) {
    if (pr.length !== q.length) out.push(`probabilities: must hold one per quantile (${q.length}), got ${pr.length}`);
    else if (pr[0] !== 0 || pr[pr.length - 1] !== 1 || pr.some((x, i) => i > 0 && x < (pr[i - 1] as number)))
      out.push("probabilities: must rise from 0 to 1 (the probability of each quantile)");
  } else if (pr !== undefined && p["steps"] === true)
    out.push("probabilities: not with steps (steps are equally likely)");
  const tails = p["tails"];
  if (numbers(tails) && (tails.length !== 2 || !(0 <= tails[0]! && tails[0]! <= tails[1]! && tails[1]! <= 1)))
    out.push("tails: must hold two probabilities [low, high], 0 ≤ low ≤ high ≤ 1");
  const gq = p["givenQuantiles"];
  if ((p["given"] === undefined) !== (gq === undefined) || (p["given"] === undefined) !== (p["above"] === undefined))
    out.push(
      "given, above and givenQuantiles: give all three (the marginal while the state field is above `above`) or none",
    );
  if (numbers(gq) && gq.some((x, i) => i > 0 && x < (gq[i - 1] as number)))
    out.push("givenQuantiles: must not decrease");
  const gp = p["givenProbabilities"];
  if (numbers(gp) && numbers(gq) && (gp.length !== gq.length || gp[0] !== 0 || gp[gp.length - 1] !== 1))
    out.push("givenProbabilities: one per given quantile, rising from 0 to 1");
  if (new Set(["shiftWith", "shiftAbove", "shiftBy"].map((key) => p[key] === undefined)).size > 1)
    out.push(
      "shiftWith, shiftAbove and shiftBy: give all three (a step of the latent score while the state is above) or none",
    );
  if (new Set(["pathWith", "pathAbove", "path"].map((key) => p[key] === undefined)).size > 1)
    out.push("pathWith, pathAbove and path: give all three (the values through the state's episodes) or none");
  if (p["shiftWith"] !== undefined && p["of"] === undefined)
    out.push("shiftWith: not on the kind's first trace column (the state fields read its process)");
  if ((p["episodeEvery"] === undefined) !== (p["episodeLength"] === undefined))
    out.push("episodeEvery and episodeLength: give both (an even schedule of episodes) or neither");
  else if (typeof p["episodeEvery"] === "number" && num(p, "episodeLength") >= p["episodeEvery"])
    out.push("episodeLength: must be below episodeEvery (the state must also be off)");
  if ((p["trend"] === undefined) !== (p["trendSpan"] === undefined))
    out.push(
      "trend and trendSpan: give both (the level added to the values over the span, replayed back and forth) or neither",
    );
  const span = p["trendSpan"];
  if (span !== undefined) {
    const d = typeof span === "string" || typeof span === "number" ? parseDuration(span) : undefined;
    if (!d?.ok || d.ms <= 0)
      out.push("trendSpan: must be a positive duration like 376776h (a plain number means seconds)");
  }
  const tr = p["trend"];
  if (numbers(tr) && tr.length < 2) out.push("trend: needs at least 2 points (the span's start and end)");
  const sp = p["trendSpread"];
  if (sp !== undefined && !(numbers(sp) && numbers(tr) && sp.length === tr.length && sp.every((v) => v > 0)))
    out.push("trendSpread: one positive number per point of trend");
  const [from, to] = [p["trendFrom"], p["trendTo"]];
  if ((from === undefined) !== (to === undefined))
    out.push("trendFrom and trendTo: give both (a map of the values) or neither");
  else if (
    numbers(from) &&
    numbers(to) &&
    (from.length !== to.length ||
      from.length < 2 ||
      [from, to].some((xs) => xs.some((x, i) => i > 0 && x < (xs[i - 1] as number))))
  )
    out.push("trendFrom and trendTo: as many points each (at least 2), neither falling");
  if ((p["of"] === undefined) !== (p["component"] === undefined))
    out.push("of and component: give both (a later column of the kind) or neither (its first column)");
  const lead = p["of"] === undefined;
  if (!lead && (p["cholesky"] !== undefined || p["transition"] !== undefined))
    out.push("cholesky and transition: only on the kind's first trace column (the one the others name with `of`)");
  if (lead && (p["cholesky"] === undefined) !== (p["transition"] === undefined))
    out.push("cholesky and transition: give both or neither (independent draws)");
  if (numbers(p["cholesky"])) {
    const k = triangleSize(p["cholesky"].length);
    if (Number.isNaN(k) || k > MAX_COLUMNS)
      out.push(
        `cholesky: must hold a lower triangle row by row (1, 3, 6, 10, ... numbers, up to ${MAX_COLUMNS} columns), got ${p["cholesky"].length}`,
      );
    else if (numbers(p["transition"]) && p["transition"].length !== k * k)
      out.push(
        `transition: must hold ${k}×${k} = ${k * k} numbers (as cholesky's ${k} columns), got ${p["transition"].length}`,
      );
  }
  return out;
}

export const trace: GeneratorSpec = {
  name: "trace",
  doc: "A column fitted to a recorded trace (surge init --from-trace): the trace's quantile function applied to periodic profiles (hour of day, day of week, week of year; UTC, simulated time) plus one component of a vector AR(1) latent process shared by the kind's trace columns, which keeps their autocorrelations and correlations. The first column holds the process (`transition`, `cholesky`); the others name it with `of` and their `component`. A trending trace's columns add their level (`trend`, replayed back and forth over `trendSpan`).",
  scope: "event",
  output: "number",
  reading: true,
  params: {
    quantiles: {
      type: "list",
      maxItems: 1001,
      required: true,
      doc: "the column's values at probabilities 0, 1/K, ..., 1 (its empirical quantile function)",
    },
    probabilities: {
      type: "list",
      maxItems: 1001,
      doc: "the probability of each quantile when they are not evenly spaced (rising from 0 to 1): a long trace's extremes one by one",
    },
    steps: {
      type: "boolean",
      default: false,
      doc: "a column of few values: quantiles are K values taken with probability 1/K each (no value between them)",
    },
    tails: {
      type: "list",
      maxItems: 2,
      doc: "probabilities [low, high]: a draw below low or above high takes the next point of an even sequence over that tail (per device), so each extreme comes at its rate, not a Poisson count of it",
    },
    trend: {
      type: "list",
      maxItems: 1001,
      doc: "a level added to the values (a trace's rise or fall), at evenly spaced points of `trendSpan` from each device's first event: forward over the span, then backward, and so on",
    },
    trendSpread: {
      type: "list",
      maxItems: 1001,
      doc: "with trend: the wander's spread at the same points, a multiple of the table's value (each value is trend + spread × the table's draw)",
    },
    trendFrom: {
      type: "list",
      maxItems: 1001,
      doc: "with trend: rising points of trend + spread × draw, carried to `trendTo` (linear between; outside, trendTo's ends): the sum mapped to the trace's own law",
    },
    trendTo: { type: "list", maxItems: 1001, doc: "with trendFrom: the values its points are carried to (rising)" },
    trendSpan: {
      type: "string",
      doc: "with trend: the span one pass of the level takes, a duration like 376776h (a plain number means seconds)",
    },
    daily: { type: "list", maxItems: 24, doc: "mean latent score per hour of the day (UTC)" },
    weekly: { type: "list", maxItems: 7, doc: "mean latent score per day of the week (Monday first)" },
    yearly: { type: "list", maxItems: 52, doc: "mean latent score per week of the year" },
    transition: {
      type: "list",
      maxItems: MAX_COLUMNS * MAX_COLUMNS,
      doc: "first column only: A of u_t = A u_{t-1} + L e_t, row by row (k×k)",
    },
    cholesky: {
      type: "list",
      maxItems: (MAX_COLUMNS * (MAX_COLUMNS + 1)) / 2,
      doc: "first column only: L (lower triangle, row by row)",
    },
    of: { type: "path", doc: "later columns: the kind's first trace column, which runs the latent process" },
    component: {
      type: "number",
      min: 1,
      max: MAX_COLUMNS - 1,
      integer: true,
      doc: "later columns: which component of the latent process this column reads",
    },
    given: {
      type: "path",
      doc: "a two-valued state field of the kind (a door, an activity flag) that this reading steps with: while its value is above `above` the column's marginal is `givenQuantiles`",
    },
    above: { type: "number", doc: "with given: the state's value above which `givenQuantiles` apply" },
    givenQuantiles: {
      type: "list",
      maxItems: 1001,
      doc: "with given: the column's quantile function while the state is above `above` (as quantiles)",
    },
    givenProbabilities: { type: "list", maxItems: 1001, doc: "with given: as probabilities, for givenQuantiles" },
    givenSteps: { type: "boolean", default: false, doc: "with given: givenQuantiles are steps (as steps)" },
    shiftWith: {
      type: "path",
      doc: "a two-valued state field of the kind (an alarm, an activity flag) whose value steps this column's latent score: while it is above `shiftAbove`, `shiftBy` is added (the quantiles are composed with that step)",
    },
    shiftAbove: { type: "number", doc: "with shiftWith: the state's value above which the step applies" },
    shiftBy: { type: "number", doc: "with shiftWith: the step of the latent score (in its standard deviations)" },
    shiftDecay: {
      type: "number",
      min: 0,
      max: 0.99,
      default: 0,
      doc: "with shiftWith: the step's memory: each event's step is shiftBy (when on) plus shiftDecay × the device's last step (a kick a slow reading keeps)",
    },
    episodeEvery: {
      type: "number",
      min: 2,
      integer: true,
      doc: "a state seen in a few episodes: its top value (the last quantile) for `episodeLength` events in every `episodeEvery` (from a random phase per device), its first value otherwise; the latent is not read",
    },
    episodeLength: { type: "number", min: 1, integer: true, doc: "with episodeEvery: events per episode" },
    pathWith: {
      type: "path",
      doc: "a two-valued state field of the kind with an even schedule of episodes (`episodeEvery`): while it is above `pathAbove`, the column writes `path` instead of a draw",
    },
    pathAbove: { type: "number", doc: "with pathWith: the state's value above which it is on" },
    path: {
      type: "list",
      maxItems: 1000,
      doc: "with pathWith: the column's value k events after the state switched on (the last held; none in an episode begun before the device's first event)",
    },
    hold: {
      type: "number",
      min: 0,
      max: 0.9999,
      default: 0,
      doc: "probability that an event keeps the device's previous value (a 0/1 state's persistence: it then switches like a two-state chain, its share unchanged)",
    },
    decimals: DECIMALS,
  },
  example: { quantiles: [36.3, 36.7, 36.8, 36.9, 37.5], transition: [0.9], cholesky: [0.43], decimals: 2 },
  check: problems,
  refs: (p) => [p["of"], p["given"], p["shiftWith"], p["pathWith"]].filter((x): x is string => typeof x === "string"),
  refGenerators: { of: ["trace"] },
  compile: (p, c) => {
    const q = p["quantiles"] as number[];
    const cycles: Cycle[] = PERIODS.filter((period) => numbers(p[period])).map((period) => ({
      period,
      profile: Float64Array.from(p[period] as number[]),
    }));
    const model: ColumnModel = {
      quantiles: Float64Array.from(q),
      ...(numbers(p["probabilities"]) ? withIndex(Float64Array.from(p["probabilities"])) : {}),
      ...(p["steps"] === true ? { steps: true } : {}),
      ...(numbers(p["tails"]) ? { tails: [p["tails"][0] as number, p["tails"][1] as number] as const } : {}),
      cycles,
      ...(typeof p["given"] === "string" && numbers(p["givenQuantiles"])
        ? {
            given: {
              column: -1,
              above: num(p, "above"),
              quantiles: Float64Array.from(p["givenQuantiles"]),
              ...(numbers(p["givenProbabilities"]) ? withIndex(Float64Array.from(p["givenProbabilities"])) : {}),
              ...(p["givenSteps"] === true ? { steps: true } : {}),
            },
          }
        : {}),
    };
    // Each device's visits to the two tails (the sample's draw only: the median's call passes -1),
    // counted from the column's own start (latent.ts tailStart).
    const visits = new Float64Array(2 * c.entries).fill(
      tailStart(typeof p["of"] === "string" ? num(p, "component") : 0),
    );
    const fn = c.constant((t: number, u: number, s: number, at: number) =>
      at < 0 ? columnValue(model, u, t, s) : columnValue(model, u, t, s, visits, at),
    );
    // The state's value picks the marginal (its field is computed first: `given` is a ref).
    const state = typeof p["given"] === "string" ? c.ref(p["given"]).code : "-Infinity";
    const value = (t: string, u: string, at = "-1"): string => onIt(`${fn}(${t}, ${u}, ${state}, ${at})`);
    let latent: string;
    let lead = "";
    const locals: string[] = [];
    if (typeof p["of"] === "string") {
      latent = `${c.ref(p["of"]).code}_u[${num(p, "component")}]`;
      // A held state's value steps the score (its field is computed first: shiftWith is a ref).
      if (typeof p["shiftWith"] === "string") {
        const kick = `(${c.ref(p["shiftWith"]).code} > ${num(p, "shiftAbove")} ? ${num(p, "shiftBy")} : 0)`;
        const decay = typeof p["shiftDecay"] === "number" ? p["shiftDecay"] : 0;
        if (decay > 0) {
          // The device's last step, kept with the step's memory.
          const last = c.state("f64", 0);
          latent = `(${latent} + (${last}[${c.at}] = ${decay} * ${last}[${c.at}] + ${kick}))`;
        } else latent = `(${latent} + ${kick})`;
      }
    } else {
      const tri = numbers(p["cholesky"]) ? p["cholesky"] : [1];
      const k = triangleSize(tri.length);
      const l = new Float64Array(k * k);
      for (let i = 0, at = 0; i < k; i++) for (let j = 0; j <= i; j++) l[i * k + j] = tri[at++] as number;
      const a = Float64Array.from(numbers(p["transition"]) ? p["transition"] : [0]);
      const step = c.constant(latentStepper({ k, transition: a, cholesky: l }, c.entries, gauss));
      locals.push(`${c.v}_u`);
      lead = `${c.v}_u = ${step}(${c.at}, R);`;
      latent = `${c.v}_u[0]`;
    }
    const time = c.local("ts");
    const median = c.local("m");
    // The level over the trace's span, from the device's first event: each draw set on it.
    let level = "";
    let onIt = (draw: string): string => draw;
    let onRange = (r: readonly [number, number]): readonly [number, number] => r;
    if (numbers(p["trend"])) {
      const d = parseDuration(p["trendSpan"] as string | number);
      const spread = numbers(p["trendSpread"]) ? Float64Array.from(p["trendSpread"]) : undefined;
      const [from, to] = [p["trendFrom"], p["trendTo"]];
      const remap =
        numbers(from) && numbers(to) ? { from: Float64Array.from(from), to: Float64Array.from(to) } : undefined;
      const trend = {
        span: d.ok ? d.ms : 0,
        curve: Float64Array.from(p["trend"]),
        ...(spread ? { spread } : {}),
        ...(remap ? { remap } : {}),
      };
      const at = `${c.state("f64", NaN)}[${c.at}]`;
      const set = c.constant((draw: number, since: number) => onTrend(trend, draw, since));
      const since = c.local("since");
      level = `const ${since} = ${time} - (${at} === ${at} ? ${at} : (${at} = ${time}));`;
      onIt = (draw) => `${set}(${draw}, ${since})`;
      onRange = ([low, high]) => {
        if (remap) return [remap.to[0] as number, remap.to[remap.to.length - 1] as number];
        // Level and spread are linear between knots: the extremes fall on knots.
        const at = (j: number, v: number): number =>
          (trend.curve[j] as number) + (spread ? (spread[j] as number) : 1) * v;
        const knots = trend.curve.map((_, j) => j);
        return [Math.min(...knots.map((j) => at(j, low))), Math.max(...knots.map((j) => at(j, high)))];
      };
    }
    const gq = model.given?.quantiles ?? q;
    // A path may leave the table's range (a spike through an episode, the table the rows outside).
    const path = numbers(p["path"]) ? p["path"] : [];
    const [low, high] = onRange([
      Math.min(q[0] as number, gq[0] as number, ...path),
      Math.max(q[q.length - 1] as number, gq[gq.length - 1] as number, ...path),
    ]);
    // Stuck devices still advance the process, so they resume where they would have been.
    let sample = `${c.v} = ${value(time, latent, c.at)};`;
    const hold = typeof p["hold"] === "number" ? p["hold"] : 0;
    if (typeof p["episodeEvery"] === "number") {
      // The device's place in its schedule, from a random phase at its first event.
      const [every, length] = [p["episodeEvery"], num(p, "episodeLength")];
      const place = c.state("f64", NaN);
      const at = `${place}[${c.at}]`;
      sample = `${at} = ${at} === ${at} ? (${at} + 1) % ${every} : Math.floor(R.next() * ${every}); ${c.v} = ${at} < ${length} ? ${q[q.length - 1] as number} : ${q[0] as number};`;
    } else if (hold > 0) {
      // The latent still advances every event; only the written value is held.
      const held = c.state("f64", NaN);
      sample += ` if (R.next() < ${hold} && ${held}[${c.at}] === ${held}[${c.at}]) ${c.v} = ${held}[${c.at}]; else ${held}[${c.at}] = ${c.v};`;
    }
    if (typeof p["pathWith"] === "string" && numbers(p["path"])) {
      // Through the state's episodes the column writes its path (the state's field comes first).
      const episode = { above: num(p, "pathAbove"), values: Float64Array.from(p["path"]) };
      const memory = new Float64Array(2 * c.entries).fill(NaN);
      const along = c.constant((at: number, now: number): number => pathValue(episode, memory, at, now));
      const written = c.local("pv");
      sample += ` const ${written} = ${along}(${c.at}, ${c.ref(p["pathWith"]).code}); if (${written} === ${written}) ${c.v} = ${written};`;
    }
    // The median (the score at 0) only serves spike and drift: evaluated for those events alone.
    const code = readingCode(c, median, value(time, "0"), sample, { min: low, max: high, width: high - low }, true);
    return { body: `${lead} const ${time} = clock.simMs(${c.t}); ${level} ${code}`, locals };
  },
};
