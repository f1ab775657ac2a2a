/** Functions the generated code calls (one set per compiled model: clocks and caches are per run). */
import { applyEffects, clamp } from "../../effects.ts";
import { asciiJson, fmt1, fmt2, fmtInt } from "../../format.ts";
import { gauss } from "../../gauss.ts";
import { TimeFormatter } from "../../iso-time.ts";
import { Random } from "../../random.ts";
import { SimClock } from "../../sim-clock.ts";
import { jsonValue, val1, val2, valInt, valN } from "./values.ts";

const SAFE = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

/** JSON text of a string, 7-bit ASCII (non-ASCII \u-escaped, like the coded models). */
export function jsonString(s: string): string {
  return SAFE.test(s) ? `"${s}"` : asciiJson(JSON.stringify(s));
}

/** True when `"` + s + `"` is already valid ASCII JSON. */
export function isSafeString(s: string): boolean {
  return SAFE.test(s);
}

/** x with n decimals (n > 2 is rare: toFixed is fine there); NaN and ±Infinity become 0. */
export function fmtN(x: number, n: number): string {
  if (!Number.isFinite(x)) return "0";
  return n === 0 ? fmtInt(x) : n === 1 ? fmt1(x) : n === 2 ? fmt2(x) : x.toFixed(n);
}

export function roundTo(x: number, n: number): number {
  const f = 10 ** n;
  return Math.round(x * f) / f;
}

/** The device's own stream for device-scoped fields: independent of the order devices first emit in. */
export function deviceRandom(seed: number, salt: number, d: number, into?: Random): Random {
  const s = (seed ^ Math.imul(salt + 1, 0x9e3779b1) ^ Math.imul(d + 1, 0x85ebca6b)) >>> 0;
  return into ? into.reseed(s) : new Random(s);
}

/**
 * A flat copy of a concatenated string (any other value as is): a cached text built by `+` is a
 * tree of pieces, ~200 bytes for a 50-character location in V8 against ~75 flat. Text outside
 * Latin-1 keeps its own form.
 */
export function flat<T>(v: T): T {
  if (typeof v !== "string" || v.length < 2) return v;
  const copy = Buffer.from(v, "latin1").toString("latin1");
  return (copy === v ? copy : v) as T;
}

/** Distinct texts a field's cache shares at most; past it (ids, per-device numbers) each is its own. */
const KEPT_TEXTS = 256;

/**
 * A device-fixed value as cached: a text already seen for this field is that same string (a
 * pick's few values are then a few strings, not a copy per device); any other text is made flat.
 */
export function keep<T>(seen: Map<unknown, unknown>, v: T): T {
  if (typeof v !== "string") return v;
  const hit = seen.get(v);
  if (hit !== undefined) return hit as T;
  const copy = flat(v);
  if (seen.size < KEPT_TEXTS) seen.set(copy, copy);
  return copy;
}

const HEX = "0123456789abcdef";

export function uuid(r: Random): string {
  let s = "";
  for (let i = 0; i < 32; i++) {
    let n = r.int(16);
    if (i === 12) n = 4;
    else if (i === 16) n = 8 + (n & 3);
    s += HEX[n];
    if (i === 7 || i === 11 || i === 15 || i === 19) s += "-";
  }
  return s;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Poisson draw: Knuth's product method below 30, a rounded normal above. */
export function poisson(r: Random, mean: number): number {
  if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(r)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = r.next();
  while (p > limit) {
    k++;
    p *= r.next();
  }
  return k;
}

export function makeRuntime(timeScale: number): Record<string, unknown> {
  const time = new TimeFormatter();
  const deviceStream = new Random(0);
  /** Epoch µs as JSON integer text: the ms part through the formatter's per-second cache. */
  const epochUs = (us: number): string => {
    const ms = Math.floor(us / 1000);
    return ms <= 0 ? String(us) : time.epochMs(ms) + TimeFormatter.pad3(us - ms * 1000);
  };
  return {
    gauss,
    fmt1,
    fmt2,
    fmtInt,
    fmtN,
    roundTo,
    clamp,
    applyEffects,
    jsonString,
    uuid,
    pad,
    poisson,
    // One stream reseeded per draw: devices past the caches draw their fixed values on every event.
    deviceRandom: (seed: number, salt: number, d: number) => deviceRandom(seed, salt, d, deviceStream),
    keep,
    clock: new SimClock(timeScale),
    time,
    epochUs,
    val1,
    val2,
    valInt,
    valN,
    jsonValue,
  };
}

/** Names destructured at the top of every generated module. */
export const RUNTIME_NAMES = [
  "gauss",
  "fmt1",
  "fmt2",
  "fmtInt",
  "fmtN",
  "roundTo",
  "clamp",
  "applyEffects",
  "jsonString",
  "uuid",
  "pad",
  "poisson",
  "deviceRandom",
  "keep",
  "clock",
  "time",
  "epochUs",
  "val1",
  "val2",
  "valInt",
  "valN",
  "jsonValue",
] as const;
