/** Drives a model for tests: a fixed seed, a fake clock, round-robin devices, records collected. */
import type { Scenario } from "../../../src/config/types.ts";
import { models } from "../../../src/sim/models/index.ts";
import { Random } from "../../../src/sim/random.ts";
import { NO_EFFECTS, type EventModel, type ValueEffects } from "../../../src/sim/types.ts";

export interface Collected {
  topic: number;
  role: string;
  key: string;
  value: string;
  /** JSON.parse(value). */
  record: Record<string, unknown>;
  /** Index of the device event that produced it. */
  event: number;
  device: number;
}

export interface RunOptions {
  devices?: number;
  events?: number;
  seed?: number;
  params?: Record<string, unknown>;
  /** Wall clock of the first event and the step between events (ms, may be fractional). */
  startMs?: number;
  stepMs?: number;
  /** Wall clock of event i, overriding startMs/stepMs (e.g. to jump backwards). */
  timeOf?: (i: number) => number;
  /** Device of event i (default i % devices). */
  deviceOf?: (i: number) => number;
  effects?: (i: number) => ValueEffects;
  /** --time-scale (default 1). */
  timeScale?: number;
}

/** 2024-03-10 12:00:00 UTC */
export const START_MS = Date.UTC(2024, 2, 10, 12, 0, 0);

export function scenarioFor(model: string, devices: number, params: Record<string, unknown> = {}): Scenario {
  const factory = models[model];
  if (factory === undefined) throw new Error(`no model ${model}`);
  return {
    name: model,
    description: "test",
    model,
    devices,
    sampleIntervalMs: 1000,
    maxRatePerDevice: 0,
    topics: factory.roles.map((role) => ({ role, name: `t-${role}` })),
    params,
  };
}

export function createModel(model: string, options: RunOptions = {}): EventModel {
  const devices = options.devices ?? 20;
  const factory = models[model];
  if (factory === undefined) throw new Error(`no model ${model}`);
  return factory.create({
    scenario: scenarioFor(model, devices, options.params ?? {}),
    random: new Random(options.seed ?? 42),
    devices,
    timeScale: options.timeScale ?? 1,
  });
}

export function run(model: string, options: RunOptions = {}): Collected[] {
  const devices = options.devices ?? 20;
  const events = options.events ?? 5000;
  const roles = models[model]?.roles ?? [];
  const m = createModel(model, options);
  const out: Collected[] = [];
  let event = 0;
  let device = 0;
  const sink = {
    push(topic: number, key: string, value: string): void {
      out.push({ topic, role: roles[topic] ?? "?", key, value, record: JSON.parse(value), event, device });
    },
  };
  const start = options.startMs ?? START_MS;
  const step = options.stepMs ?? 10;
  for (event = 0; event < events; event++) {
    device = options.deviceOf?.(event) ?? event % devices;
    m.emit(device, options.timeOf?.(event) ?? start + event * step, sink, options.effects?.(event) ?? NO_EFFECTS);
  }
  return out;
}

/** Problems of many records, prefixed with the record index, at most `limit` of them. */
export function allProblems(records: readonly Collected[], check: (r: unknown) => string[], limit = 10): string[] {
  const problems: string[] = [];
  for (const [i, r] of records.entries()) {
    for (const p of check(r.record)) {
      if (problems.length < limit) problems.push(`#${i} ${p} in ${r.value}`);
    }
  }
  return problems;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

/** Pearson correlation of two equally long series. */
export function correlation(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Simulated UTC hour of day of event time t when the run starts at `start` with `scale`. */
export function simHour(t: number, start: number, scale: number): number {
  const sim = start + (t - start) * scale;
  return (((sim % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000;
}

export function sd(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}

/** Read a nested number like "sensors.temperature.value". */
export function num(record: Record<string, unknown>, path: string): number {
  let v: unknown = record;
  for (const k of path.split(".")) v = (v as Record<string, unknown>)[k];
  if (typeof v !== "number") throw new Error(`${path} is not a number`);
  return v;
}

export function spike(scale: number): ValueEffects {
  return { scale, drift: 0, stuck: false };
}

export const STUCK: ValueEffects = Object.freeze({ scale: 1, drift: 0, stuck: true });
