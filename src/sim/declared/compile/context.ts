/**
 * What a generator's code may use while being compiled: the names of the event's inputs, its own
 * per-device state (declared here so the compiled model lists every state array), constants made
 * once per run, and the other fields it reads.
 */
import type { Random } from "../../random.ts";
import type { ValueType } from "../value-type.ts";

/** One per-device state array of the compiled model (devices × slots entries). */
export interface StateArray {
  name: string;
  /** The field it belongs to. */
  path: string;
  type: "f64" | "f32" | "i32" | "u8" | "str";
  /** Entries per device (array items keep one each). */
  slots: number;
  /** Devices of the field's kind: the array has devices × slots entries. */
  devices: number;
  /** Initial value of every entry. */
  init: number;
}

export interface FieldVar {
  /** JS expression of the raw value. */
  code: string;
  type: ValueType;
}

/** Closure-level tables the generated function is given (names → values). */
export class ModelTables {
  readonly constants: unknown[] = [];
  readonly states: StateArray[] = [];
  private next = 0;

  constant(value: unknown): string {
    this.constants.push(value);
    return `C[${this.constants.length - 1}]`;
  }

  /** States registered so far, counting `skip`s: it salts per-device draws. */
  serial = 0;

  state(path: string, type: StateArray["type"], slots: number, init: number, devices: number): string {
    const name = `s${this.states.length}`;
    this.states.push({ name, path, type, slots, init, devices });
    this.serial++;
    return name;
  }

  /** Counts a state that is no longer made, so the salts of later draws (hence their values) stay. */
  skip(): void {
    this.serial++;
  }

  /** Tables of texts with their neighbours' constant text joined on (json-tree.ts), apart from `constants` too. */
  readonly folded: unknown[][] = [];

  /** `C[n]` with head and tail around each text, as `F[m]`; undefined unless `C[n]` is a table of texts. */
  fold(table: string, head: string, tail: string): string | undefined {
    const m = /^C\[(\d+)\]$/.exec(table);
    const texts = m ? this.constants[Number(m[1])] : undefined;
    if (!Array.isArray(texts) || !texts.every((x) => typeof x === "string")) return undefined;
    this.folded.push(texts.map((x: string) => head + x + tail));
    return `F[${this.folded.length - 1}]`;
  }

  /** A table of values (a map's keys, or a scratch list of drawn keys), apart from `constants` too. */
  texts(list: readonly unknown[]): string {
    this.folded.push([...list]);
    return `F[${this.folded.length - 1}]`;
  }

  /** Parsed-JSON memos of the value path (values.ts), apart from `constants`: their count seeds setup draws. */
  readonly memos: Map<string, unknown>[] = [];

  memo(): string {
    this.memos.push(new Map());
    return `M[${this.memos.length - 1}]`;
  }

  /** Every name `unique` handed out: kinds alike but for these names can share code (share.ts). */
  readonly locals = new Set<string>();

  unique(prefix: string): string {
    const name = `${prefix}${this.next++}`;
    this.locals.add(name);
    return name;
  }

  /** The arrays themselves, in `states` order. Memory is flat in the device count. */
  allocate(): unknown[] {
    return this.states.map((s) => {
      const n = s.devices * s.slots;
      const a =
        s.type === "f64"
          ? new Float64Array(n)
          : s.type === "f32"
            ? new Float32Array(n)
            : s.type === "i32"
              ? new Int32Array(n)
              : s.type === "u8"
                ? new Uint8Array(n)
                : packedStrings(n);
      if (s.init !== 0 && s.type !== "str") (a as Float64Array).fill(s.init);
      return a;
    });
  }
}

/** A packed array of "" (new Array(n) would fall back to slow dictionary elements for large n). */
function packedStrings(n: number): string[] {
  const a: string[] = [];
  for (let i = 0; i < n; i++) a.push("");
  return a;
}

export interface CodeContext {
  /** The variable the leaf's body must assign (declared by the compiler with `let`). */
  readonly v: string;
  /** The field's path, for state names and messages. */
  readonly path: string;
  /** Expression of the state index: the device's index within its kind (j), or j × slots + item index inside arrays. */
  readonly at: string;
  /** Device index in the fleet (ids, serials), event time (ms, shifted by late/clock-skew). */
  readonly d: string;
  readonly t: "t";
  /** Devices of this run / devices the scenario declares (--devices scales index-based pairings). */
  readonly deviceScale: number;
  /** The per-event PRNG; for device-scoped leaves the device's own PRNG. */
  readonly rng: string;
  /** Anomaly effects (scale, drift, stuck) and whether they are all neutral. */
  readonly fx: "fx";
  readonly healthy: "healthy";
  /** State entries of this field: devices of its kind × slots (size per-device tables by it, index them with ctx.at). */
  readonly entries: number;
  /** Decimals the value is written with (number leaves). */
  readonly decimals: number;
  /** A per-device state array of this field; returns its name (index it with ctx.at). */
  state(type: StateArray["type"], init?: number): string;
  /** A value made once per run; returns the expression that reads it. */
  constant(value: unknown): string;
  /** Another field of the event (already computed when this leaf runs). */
  ref(path: string): FieldVar;
  /** The device's previous value of a numeric or boolean field (see docs/fleet-format.md for the first event). */
  prev(path: string): FieldVar;
  /** A function of another field (since(status): seconds in its current state). */
  facet(path: string, fn: string): FieldVar;
  /** A seeded stream for setup work (per-device tables made once per run). */
  random(): Random;
  /** JS expression of the phase in [-1, 1] of a daily (24 h) or weekly (168 h) cycle peaking `peakHours` in. */
  cycle(periodHours: number, peakHours: number): string;
  /** A fresh local name. */
  local(prefix: string): string;
}
