/** Contract between the engine and a scenario's event model. Models are pure and seeded. */
import type { ParamSpecs } from "./params.ts";
import type { Random } from "./random.ts";

/** Where a model writes the records of one device event; reused, never allocated per event. */
export interface RecordSink {
  /**
   * topicIndex indexes ModelScenario.topics. value is the encoded record (usually JSON). The built-in
   * models write 7-bit ASCII only (non-ASCII is \u-escaped), so latin1 encoding is safe and fast.
   */
  push(topicIndex: number, key: string, value: string, headers?: Record<string, string>): void;
}

/**
 * Anomaly effects on one device's numeric readings. The engine passes NO_EFFECTS for healthy
 * devices; models apply scale/offset to every numeric sensor value and, when stuck, repeat the
 * previous reading instead of sampling a new one.
 */
export interface ValueEffects {
  /** Multiplier on the deviation from the sensor's mean (spike: 2-5). */
  scale: number;
  /** Offset as a fraction of the sensor's normal range (drift grows it over time). */
  drift: number;
  stuck: boolean;
}

export const NO_EFFECTS: ValueEffects = Object.freeze({ scale: 1, drift: 0, stuck: false });

export interface EventModel {
  /**
   * Build the record(s) of device `device` sampled at wall time `nowMs` (the event timestamp;
   * the engine shifts it for late / clock-skew anomalies).
   */
  emit(device: number, nowMs: number, sink: RecordSink, effects: ValueEffects): void;
}

/** What a model reads of its scenario (the run settings' Scenario has these and more). */
export interface ModelScenario {
  devices: number;
  /** Nominal per-device sample interval (ms). */
  sampleIntervalMs: number;
  /** The topics in order; a model finds its own by role. */
  topics: readonly { role: string }[];
  /** Model-specific knobs, validated by the model itself. */
  params: Record<string, unknown>;
  /** A declared fleet as written (docs/fleet-format.md). */
  fleet?: unknown;
  /** The scenario file's own device count when --devices overrides it (a fleet's pairings scale by the ratio). */
  declaredDevices?: number;
}

export interface ModelContext {
  scenario: ModelScenario;
  random: Random;
  /** Devices in the fleet (may differ from scenario.devices after overrides). */
  devices: number;
  /**
   * Simulated seconds per real second (--time-scale) for day/night cycles and battery drain;
   * 1 when absent. See src/sim/sim-clock.ts.
   */
  timeScale?: number;
}

export interface ModelFactory {
  /** Roles of the topics this model writes to, in the order of ModelScenario.topics. */
  roles: readonly string[];
  /** The model's knobs: type, range, default and meaning of each (for help and docs). */
  params?: ParamSpecs;
  /** Every problem with params, as "params.<key>: what is wrong" lines. */
  validate(params: Record<string, unknown>): string[];
  create(ctx: ModelContext): EventModel;
}
