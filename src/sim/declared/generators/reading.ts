/**
 * reading: a sensor value: N(mean + trend + daily/weekly cycle, sd), smoothed, with a slow
 * per-device trend (mean-reverting), optional correlation with another reading's noise, and
 * built-in spikes. Spike, drift and stuck anomalies apply.
 */
import type { GeneratorSpec } from "../spec.ts";
import { DECIMALS, lit, num, ordered } from "./common.ts";
import { readingCode } from "./reading-tail.ts";

/** 1970-01-01 was a Thursday: the first Monday 00:00 UTC is 96 hours later. */
const MONDAY_HOURS = 96;

export const reading: GeneratorSpec = {
  name: "reading",
  doc: "A sensor reading: N(mean + trend + cycles, sd), smoothed, kept in [min, max]; spike / drift / stuck anomalies apply. Optional: a slow per-device trend, daily and weekly cycles, noise correlated with another reading, built-in spikes.",
  scope: "event",
  output: "number",
  reading: true,
  params: {
    mean: { type: "number", required: true, doc: "centre of the normal band" },
    sd: { type: "number", min: 0, default: 1, doc: "noise standard deviation" },
    min: { type: "number", required: true, doc: "lowest physical value (healthy readings are clamped)" },
    max: { type: "number", required: true, doc: "highest physical value" },
    normalMin: { type: "number", doc: "normal band low end (drift is a fraction of the band; default min)" },
    normalMax: { type: "number", doc: "normal band high end (default max)" },
    smoothing: {
      type: "number",
      min: 0,
      max: 0.99,
      default: 0,
      doc: "weight of the last value: new = s × last + (1 - s) × sample",
    },
    trend: { type: "number", min: 0, max: 1, default: 0, doc: "per-device trend step per sample, in sd (0 = none)" },
    trendReversion: {
      type: "number",
      min: 0.001,
      max: 1,
      default: 0.02,
      doc: "share of the trend forgotten per sample",
    },
    dailyAmplitude: {
      type: "number",
      default: 0,
      doc: "daily swing (value units, simulated time); negative = lowest at peakHour",
    },
    peakHour: { type: "number", min: 0, max: 24, default: 15, doc: "UTC hour of the daily peak" },
    weeklyAmplitude: { type: "number", default: 0, doc: "weekly swing (value units)" },
    peakDay: {
      type: "number",
      min: 0,
      max: 7,
      default: 3,
      doc: "day of the weekly peak (0 = Monday 00:00 UTC; fractions allowed)",
    },
    correlate: { type: "path", doc: "another reading whose noise and trend steps this one follows" },
    rho: { type: "number", min: -1, max: 1, default: 0, doc: "correlation with `correlate`" },
    pulseEvery: {
      type: "number",
      min: 0,
      max: 8760,
      default: 0,
      doc: "simulated hours between pulses (a defrost, a cleaning cycle); 0 = none",
    },
    pulseHours: {
      type: "number",
      min: 0.001,
      max: 8760,
      default: 0.5,
      doc: "how long a pulse lasts (simulated hours)",
    },
    pulseRise: {
      type: "number",
      default: 0,
      doc: "peak of a pulse (a half sine added to the value); each device has its own phase",
    },
    spikeRate: {
      type: "number",
      min: 0,
      max: 1,
      default: 0,
      doc: "chance per sample of a built-in spike (× 2-5 or ÷ 2-5)",
    },
    spikeDirection: {
      type: "enum",
      values: ["up", "down"],
      default: "up",
      doc: "spikes multiply (up) or divide (down) the value",
    },
    decimals: DECIMALS,
  },
  example: { mean: 22, sd: 0.5, min: -10, max: 60, smoothing: 0.7, dailyAmplitude: 2 },
  check: (p) => [
    ...ordered(p, "min", "max"),
    ...ordered(p, "normalMin", "normalMax"),
    ...(typeof p["mean"] === "number" &&
    typeof p["min"] === "number" &&
    typeof p["max"] === "number" &&
    (num(p, "mean") < num(p, "min") || num(p, "mean") > num(p, "max"))
      ? [`mean: must lie within [min, max], got ${p["mean"]}`]
      : []),
  ],
  refs: (p) => (typeof p["correlate"] === "string" ? [p["correlate"]] : []),
  refGenerators: { correlate: ["reading"] },
  compile: (p, c) => {
    const sd = num(p, "sd");
    const a = num(p, "smoothing");
    const trend = num(p, "trend");
    const reversion = num(p, "trendReversion");
    const rho = num(p, "rho");
    const other = typeof p["correlate"] === "string" ? c.ref(p["correlate"]).code : "";
    const mix = (z: string, suffix: string): string =>
      other ? `${z} = ${lit(rho)} * ${other}${suffix} + ${lit(Math.sqrt(1 - rho * rho))} * ${z};` : "";
    const smoothed = c.state("f64", NaN);
    const trendState = trend > 0 ? c.state("f64", NaN) : "";
    const tr = c.local("tr");
    const z = `${c.v}_z`;
    const w = `${c.v}_w`;
    let meanCode = `${lit(num(p, "mean"))} + ${tr}`;
    if (num(p, "dailyAmplitude") !== 0)
      meanCode += ` + ${lit(num(p, "dailyAmplitude"))} * ${c.cycle(24, num(p, "peakHour"))}`;
    if (num(p, "weeklyAmplitude") !== 0)
      meanCode += ` + ${lit(num(p, "weeklyAmplitude"))} * ${c.cycle(168, num(p, "peakDay") * 24 + MONDAY_HOURS)}`;
    const trendSd = trend / Math.sqrt(1 - (1 - reversion) ** 2);
    const trendRead =
      trend > 0
        ? `let ${tr} = ${trendState}[${c.at}]; if (${tr} !== ${tr}) ${tr} = ${lit(trendSd * sd)} * gauss(R);`
        : `const ${tr} = 0;`;
    let sample = `${z} = gauss(R); ${mix(z, "_z")}
    let sm = ${smoothed}[${c.at}]; if (sm !== sm) sm = MEAN;
    sm = ${lit(a)} * sm + ${lit(1 - a)} * (MEAN + ${lit(sd)} * ${z}); ${smoothed}[${c.at}] = sm; ${c.v} = sm;`;
    if (trend > 0)
      sample += ` ${w} = gauss(R); ${mix(w, "_w")} ${trendState}[${c.at}] = ${tr} * ${lit(1 - reversion)} + ${lit(trend * sd)} * ${w};`;
    const every = num(p, "pulseEvery");
    if (every > 0 && num(p, "pulseRise") !== 0) {
      const phase = c.state("f32", NaN);
      const pos = c.local("pos");
      const len = num(p, "pulseHours");
      sample += ` { let ph = ${phase}[${c.at}]; if (ph !== ph) { ph = R.next() * ${lit(every)}; ${phase}[${c.at}] = ph; }
      let ${pos} = (clock.hours(${c.t}) + ph) % ${lit(every)}; if (${pos} < 0) ${pos} += ${lit(every)};
      if (${pos} < ${lit(len)}) ${c.v} += ${lit(num(p, "pulseRise"))} * Math.sin(${lit(Math.PI / len)} * ${pos}); }`;
    }
    const rate = num(p, "spikeRate");
    const min = num(p, "min");
    const max = num(p, "max");
    if (rate > 0) {
      const op = p["spikeDirection"] === "down" ? "/" : "*";
      sample += ` if (R.next() < ${lit(rate)}) { ${c.v} = ${c.v} ${op} (2 + 3 * R.next()); const edge = ${lit(0.01 * (max - min))} * R.next();
      if (${c.v} > ${lit(max)}) ${c.v} = ${lit(max)} - edge; else if (${c.v} < ${lit(min)}) ${c.v} = ${lit(min)} + edge; }`;
    }
    const low = typeof p["normalMin"] === "number" ? num(p, "normalMin") : min;
    const high = typeof p["normalMax"] === "number" ? num(p, "normalMax") : max;
    const mean = c.local("m");
    const code = readingCode(c, mean, meanCode, sample.replaceAll("MEAN", mean), { min, max, width: high - low });
    return { body: `${trendRead} ${code}`, locals: [z, w] };
  },
};
