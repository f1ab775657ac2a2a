/**
 * Names an expression or a template may read besides the event's fields: the device's place in
 * the fleet and its group, and simulated time. A field of the same name wins (fields never
 * change meaning when a name is added here).
 */
import type { ValueType } from "./value-type.ts";

export const BUILTINS: Readonly<Record<string, { type: ValueType; doc: string }>> = {
  index: { type: "number", doc: "the device index in the fleet, from 0" },
  number: { type: "number", doc: "index + 1" },
  kind: { type: "string", doc: "the device kind's name" },
  now: {
    type: "number",
    doc: "simulated time, epoch seconds (runs --time-scale times faster than the event time from the run's first event)",
  },
  dt: { type: "number", doc: "simulated seconds since the device's previous event (0 on its first)" },
  first: { type: "boolean", doc: "true on the device's first event" },
  anomaly: {
    type: "boolean",
    doc: "true while a spike, drift or stuck anomaly hits the device (its records carry the surge-anomaly header): a label field that agrees with the ground truth",
  },
  group: { type: "number", doc: "the device's group index within its group type, from 0 (0 without groups)" },
  member: { type: "number", doc: "the device's place in its group, from 0 (0 without groups)" },
};

export function isBuiltin(name: string): boolean {
  return Object.hasOwn(BUILTINS, name);
}

export function builtinType(name: string): ValueType | undefined {
  return Object.hasOwn(BUILTINS, name) ? BUILTINS[name]?.type : undefined;
}
