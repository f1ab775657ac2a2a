/** A validated DeclaredFleet → an EventModel: every kind's source compiled once with `new Function`. */
import { Random } from "../../random.ts";
import type { SimClock } from "../../sim-clock.ts";
import type { EventModel } from "../../types.ts";
import type { DeclaredFleet } from "../model.ts";
import { ModelTables, type StateArray } from "./context.ts";
import { kindSource } from "./kind.ts";
import { makeRuntime, RUNTIME_NAMES } from "./runtime.ts";

export interface CompileOptions {
  devices: number;
  seed: number;
  /** Topic roles in Scenario.topics order. */
  roles: readonly string[];
  /** The scenario's sample interval: the engine visits each device this often. */
  sampleIntervalMs: number;
  timeScale: number;
}

export interface CompiledFleet extends EventModel {
  /** Every per-device state array (field, type, entries per device): memory is devices × these. */
  readonly states: readonly StateArray[];
  /** The generated source, for tests and debugging. */
  readonly source: string;
  /** Kind index of each device. */
  kindOf(device: number): number;
}

/** First device index of each kind (contiguous blocks by share), plus the end. */
export function kindBounds(shares: readonly number[], devices: number): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  const bounds = [0];
  let cumulative = 0;
  for (const s of shares) {
    cumulative += s;
    bounds.push(Math.round((cumulative / total) * devices));
  }
  bounds[bounds.length - 1] = devices;
  return bounds;
}

/**
 * Phase in [-1, 1] of a cycle of `period` simulated hours peaking `peak` hours after the epoch's
 * midnight; one cosine per simulated second (events within it share the value).
 */
function makeCycle(clock: SimClock, period: number, peak: number): (t: number) => number {
  let second = NaN;
  let value = 0;
  return (t) => {
    const sim = clock.simMs(t);
    const s = Math.floor(sim / 1000);
    if (s !== second) {
      second = s;
      value = Math.cos((2 * Math.PI * (sim / 3_600_000 - peak)) / period);
    }
    return value;
  };
}

/** Kind index of every device (one byte each). */
function kindTable(fleet: DeclaredFleet, devices: number): Uint8Array {
  const table = new Uint8Array(devices);
  if (fleet.layout === "interleaved") {
    const pattern = fleet.kinds.flatMap((k, i) => Array.from({ length: k.share }, () => i));
    for (let d = 0; d < devices; d++) table[d] = pattern[d % pattern.length] ?? 0;
    return table;
  }
  const bounds = kindBounds(fleet.kinds.map((k) => k.share), devices);
  for (let k = 0; k < fleet.kinds.length; k++) table.fill(k, bounds[k], bounds[k + 1]);
  return table;
}

export function compileFleet(fleet: DeclaredFleet, o: CompileOptions): CompiledFleet {
  const root = new Random(o.seed);
  const setupRandom = root.fork(1);
  const eventRandom = root.fork(2);
  const deviceSeed = root.fork(3).int(0x100000000);
  const tables = new ModelTables();
  const runtime = makeRuntime(o.timeScale) as ReturnType<typeof makeRuntime> & { clock: SimClock };
  const setup = {
    tables, roles: o.roles, deviceSeed, visitMs: o.sampleIntervalMs,
    random: () => setupRandom.fork(tables.constants.length + 1),
    cycle: (period: number, peak: number) => `${tables.constant(makeCycle(runtime.clock, period, peak))}(t)`,
  };
  const kindOfDevice = kindTable(fleet, o.devices);
  // Each kind's state is dense: indexed by the device's index within its kind.
  const counts = fleet.kinds.map(() => 0);
  const indexInKind = new Int32Array(o.devices);
  for (let d = 0; d < o.devices; d++) {
    const k = kindOfDevice[d] ?? 0;
    indexInKind[d] = counts[k] ?? 0;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  const sources = fleet.kinds.map((k, i) => kindSource(k, { ...setup, devices: counts[i] ?? 0 }).replace(/^function /, `function k${i}`));
  // One call site per kind (a switch, not an array of functions): each stays monomorphic.
  const dispatch = sources.length === 1
    ? "return (d, t, sink, fx) => k0(d, t, sink, fx, R);"
    : `return (d, t, sink, fx) => { switch (K[d]) { ${sources.map((_, i) => `case ${i}: return k${i}(d, t, sink, fx, R);`).join(" ")} } };`;
  const source = [
    `"use strict";`,
    `const { ${RUNTIME_NAMES.join(", ")} } = H;`,
    `const num = (x) => (Number.isFinite(x) ? String(x) : "null");`,
    ...tables.states.map((s, i) => `const ${s.name} = S[${i}];`),
    ...sources,
    dispatch,
  ].join("\n");
  const states = tables.allocate();
  const emit = new Function("H", "C", "S", "K", "J", "R", source)(runtime, tables.constants, states, kindOfDevice, indexInKind, eventRandom) as EventModel["emit"];

  return {
    states: tables.states,
    source,
    kindOf: (d) => kindOfDevice[d] ?? 0,
    emit,
  };
}
