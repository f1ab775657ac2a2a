/** A validated DeclaredFleet → an EventModel: every kind's source compiled once with `new Function`. */
import { Random } from "../../random.ts";
import type { SimClock } from "../../sim-clock.ts";
import type { EventModel } from "../../types.ts";
import type { DeclaredFleet } from "../model.ts";
import { ModelTables, type StateArray } from "./context.ts";
import { DeviceCountError, groupLayout, nearestFit } from "./groups.ts";
import { kindSource } from "./kind.ts";
import { sharedKinds } from "./share.ts";
import { makeRuntime, RUNTIME_NAMES } from "./runtime.ts";

export interface CompileOptions {
  devices: number;
  seed: number;
  /** Topic roles in Scenario.topics order. */
  roles: readonly string[];
  /** The scenario's sample interval: the engine visits each device this often. */
  sampleIntervalMs: number;
  timeScale: number;
  /** Devices the scenario file declares (--devices may differ): index pairings (id modulo) scale by devices / this. */
  declaredDevices?: number;
  /**
   * Per topic index: takes each record's value (numbers, objects) just before the record is
   * pushed with "" as its JSON text; a binary format's encoder writes it without parsing JSON.
   */
  values?: readonly (((value: unknown) => void) | undefined)[];
  /** false: every kind keeps its own function, even kinds alike but for constants (tests compare both). */
  share?: boolean;
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
  const bounds = kindBounds(
    fleet.kinds.map((k) => k.share),
    devices,
  );
  for (let k = 0; k < fleet.kinds.length; k++) table.fill(k, bounds[k], bounds[k + 1]);
  return table;
}

/** Devices of each kind. */
function kindCounts(fleet: DeclaredFleet, devices: number): number[] {
  if (fleet.layout === "interleaved") {
    const period = fleet.kinds.reduce((a, k) => a + k.share, 0);
    let before = 0;
    return fleet.kinds.map((k) => {
      const full = Math.floor(devices / period) * k.share;
      const rest = Math.min(k.share, Math.max(0, (devices % period) - before));
      before += k.share;
      return full + rest;
    });
  }
  const bounds = kindBounds(
    fleet.kinds.map((k) => k.share),
    devices,
  );
  return fleet.kinds.map((_, i) => (bounds[i + 1] ?? 0) - (bounds[i] ?? 0));
}

export function compileFleet(fleet: DeclaredFleet, o: CompileOptions): CompiledFleet {
  const root = new Random(o.seed);
  const setupRandom = root.fork(1);
  const eventRandom = root.fork(2);
  const deviceSeed = root.fork(3).int(0x100000000);
  const tables = new ModelTables();
  const runtime = makeRuntime(o.timeScale) as ReturnType<typeof makeRuntime> & { clock: SimClock };
  const setup = {
    tables,
    roles: o.roles,
    deviceSeed,
    visitMs: o.sampleIntervalMs,
    random: () => setupRandom.fork(tables.constants.length + 1),
    cycle: (period: number, peak: number) => `${tables.constant(makeCycle(runtime.clock, period, peak))}(t)`,
  };
  const kindOfDevice = kindTable(fleet, o.devices);
  // Each kind's state is dense: indexed by the device's index within its kind.
  const counts = kindCounts(fleet, o.devices);
  const indexInKind = new Int32Array(o.devices);
  const seen = fleet.kinds.map(() => 0);
  for (let d = 0; d < o.devices; d++) {
    const k = kindOfDevice[d] ?? 0;
    indexInKind[d] = seen[k] ?? 0;
    seen[k] = (seen[k] ?? 0) + 1;
  }
  const groupRandom = root.fork(4);
  const layouts = fleet.kinds.map((k, i) => groupLayout(k, counts[i] ?? 0, groupRandom, (v) => tables.constant(v)));
  const problem = layouts.find((l) => l.problem)?.problem;
  if (problem) {
    const fits = (n: number): boolean =>
      fleet.kinds.every(
        (k, i) =>
          !k.group || k.group.size[0] !== k.group.size[1] || (kindCounts(fleet, n)[i] ?? 0) % k.group.size[0] === 0,
      );
    const near = nearestFit(o.devices, fits);
    throw new DeviceCountError(
      `${o.devices} devices do not fill whole groups: ${problem}; ${near ? `run with --devices ${near} (or another count that fills them)` : "change the device count or the group sizes"}`,
    );
  }
  const deviceScale = o.declaredDevices ? o.devices / o.declaredDevices : 1;
  const sources = fleet.kinds.map((k, i) => {
    const group = layouts[i]?.code;
    return kindSource(k, {
      ...setup,
      devices: counts[i] ?? 0,
      deviceScale,
      ...(group ? { group } : {}),
      ...(o.values ? { values: o.values.map(Boolean) } : {}),
    });
  });
  const names = { states: new Set(tables.states.map((s) => s.name)), locals: tables.locals };
  const kinds =
    o.share === false
      ? { code: sources.map((s, i) => `const k${i} = ${s};`), calls: sources.map((_, i) => `k${i}(d, t, sink, fx, R)`) }
      : sharedKinds(sources, names);
  // One call site per kind (a switch, not an array of functions): each stays monomorphic.
  const dispatch =
    sources.length === 1
      ? `return (d, t, sink, fx) => ${kinds.calls[0]};`
      : `return (d, t, sink, fx) => { switch (K[d]) { ${kinds.calls.map((call, i) => `case ${i}: return ${call};`).join(" ")} } };`;
  const source = [
    `"use strict";`,
    `const { ${RUNTIME_NAMES.join(", ")} } = H;`,
    `const num = (x) => (Number.isFinite(x) ? String(x) : "null");`,
    ...tables.states.map((s, i) => `const ${s.name} = S[${i}];`),
    ...kinds.code,
    dispatch,
  ].join("\n");
  const states = tables.allocate();
  const emit = new Function("H", "C", "S", "K", "J", "R", "M", "V", "F", source)(
    runtime,
    tables.constants,
    states,
    kindOfDevice,
    indexInKind,
    eventRandom,
    tables.memos,
    o.values ?? [],
    tables.folded,
  ) as EventModel["emit"];

  return {
    states: tables.states,
    source,
    kindOf: (d) => kindOfDevice[d] ?? 0,
    emit,
  };
}
