/** A numeric leaf → a generator: epoch timestamps, counters, meters, batteries, signals, positions, walks. */
import { tally, type Evidence } from "./evidence.ts";
import type { Guess } from "./guess.ts";
import { nameHints, type NameHints } from "./names.ts";

export interface Inferred {
  guess: Guess;
  comment?: string;
}

/** Numbers beyond this are kept as written: generated ones would lose digits (JSON numbers are doubles). */
const HUGE = 1e15;

/** Epoch unit of integers in a plausible range (2001-2096), or undefined. */
export function epochUnit(
  values: readonly number[],
  timeName: boolean,
): "epoch-s" | "epoch-ms" | "epoch-us" | "epoch-ns" | undefined {
  const within = (lo: number, hi: number): boolean => values.length > 0 && values.every((v) => v >= lo && v < hi);
  if (within(1e9, 4e9) && timeName) return "epoch-s";
  if (within(1e12, 4e12)) return "epoch-ms";
  if (within(1e15, 4e15)) return "epoch-us";
  if (within(1e18, 4e18)) return "epoch-ns";
  return undefined;
}

/** Decimals written for x (1.25 → 2, 3e-7 → 7), at most 9. */
export function decimalsOf(x: number): number {
  if (Number.isInteger(x)) return 0;
  const text = String(x);
  const exp = /e-(\d+)$/.exec(text);
  const mantissa = text.replace(/e.*$/, "");
  const frac = mantissa.includes(".") ? (mantissa.split(".")[1] ?? "").length : 0;
  return Math.min(9, frac + (exp ? Number(exp[1]) : 0));
}

const round = (x: number, d: number): number => Number(x.toFixed(Math.min(9, Math.max(0, d))));

export function inferNumber(e: Evidence): Inferred {
  const values = e.numbers;
  const hints = nameHints(e.name, e.parent);
  const first = values[0] ?? e.min ?? 0;
  const integer = e.integer ?? (values.length > 0 && values.every(Number.isInteger));
  const decimals = integer ? 0 : values.length > 0 ? Math.max(...values.map(decimalsOf)) : 2;
  const choices = e.choices?.filter((c): c is number => typeof c === "number" && Number.isFinite(c));
  if (choices && choices.length > 0) return { guess: { t: "leaf", leaf: { gen: "pick", values: choices } } };

  const unit =
    epochUnit(values.length > 0 ? values : [], hints.time) ??
    (hints.time && values.length === 0 && integer ? "epoch-ms" : undefined);
  if (unit === "epoch-ns") {
    return {
      guess: { t: "leaf", leaf: { gen: "timestamp", format: "epoch-us" } },
      comment: "nanoseconds in the sample: surge writes at most microseconds",
    };
  }
  if (unit) return { guess: { t: "leaf", leaf: { gen: "timestamp", format: unit } } };
  if (hints.time && values.length > 0 && values.every((v) => v >= 1e9 && v < 4e9)) {
    return {
      guess: { t: "leaf", leaf: { gen: "timestamp", format: "epoch-s" } },
      comment: "epoch seconds; the fraction of the sample is not written",
    };
  }
  if (values.some((v) => Math.abs(v) >= HUGE || !Number.isSafeInteger(Math.round(v)))) {
    return {
      guess: { t: "const", value: first },
      comment: "too large to generate without losing digits: kept as in the sample",
    };
  }
  if (hints.constant && !hints.sensor) return { guess: { t: "const", value: first } };
  return special(e, hints, integer, decimals) ?? numericEnum(values, hints) ?? around(e, hints, integer, decimals);
}

function special(e: Evidence, hints: NameHints, integer: boolean, decimals: number): Inferred | undefined {
  const values = e.numbers;
  const lo = Math.min(...values, e.min ?? Infinity);
  const hi = Math.max(...values, e.max ?? -Infinity);
  const per = e.inArray ? "event" : "device";
  if (hints.id && integer && !hints.perEvent) {
    const digits = Math.max(1, String(Math.abs(Math.round(values[0] ?? 1000))).length);
    // A schema's bounds win over the digits of an example (connectorId: 0 to 8).
    const min = e.min ?? Math.min(digits === 1 ? 0 : 10 ** (digits - 1), (e.max ?? Infinity) - 1);
    const max = e.max ?? Math.max(10 ** digits, min + 1);
    return {
      guess: { t: "leaf", leaf: { gen: "uniform", per, min, max, decimals: 0 } },
      comment: e.inArray ? undefined : "a number fixed per device",
    };
  }
  if ((hints.counter || (hints.id && hints.perEvent)) && integer) {
    return { guess: { t: "leaf", leaf: { gen: "counter", start: Number.isFinite(lo) ? lo : 0 } } };
  }
  if (hints.meter && lo >= 0) {
    const resetAt = Math.max(1000, 10 ** Math.ceil(Math.log10(Math.max(1, hi) * 10)));
    return {
      guess: {
        t: "leaf",
        leaf: { gen: "meter", ratePerHour: 1, resetAt, decimals: Math.max(decimals, integer ? 0 : 1) },
      },
      comment: "grows by about ratePerHour per hour: set your device's rate",
    };
  }
  if (hints.battery && lo >= 0 && hi <= 100) {
    return {
      guess: { t: "leaf", leaf: { gen: "battery", days: 30, decimals } },
      comment: "drains over 30 days (simulated time), then a fresh battery",
    };
  }
  if (hints.signal && hi <= -30 && lo >= -120) return { guess: { t: "leaf", leaf: { gen: "signal" } } };
  if (hints.latitude || hints.longitude) {
    const limit = hints.latitude ? 90 : 180;
    const centre = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0;
    const spread = values.length > 0 ? 0.05 : limit;
    const min = round(Math.max(-limit, e.min ?? -limit, centre - spread), 6);
    const max = round(Math.min(limit, e.max ?? limit, centre + spread), 6);
    if (min < max)
      return {
        guess: { t: "leaf", leaf: { gen: "uniform", per, min, max, decimals: Math.max(decimals, 4) } },
        comment: e.inArray
          ? undefined
          : values.length > 0
            ? "a place fixed per device, within ~5 km of the sample"
            : "a place fixed per device",
      };
  }
  return undefined;
}

/** A handful of whole numbers seen again and again (a channel, a mode number): pick among them. */
function numericEnum(values: readonly number[], hints: NameHints): Inferred | undefined {
  const counts = tally(values);
  if (
    values.length < 4 ||
    counts.size > 3 ||
    counts.size === values.length ||
    !values.every(Number.isInteger) ||
    hints.sensor
  )
    return undefined;
  if (counts.size === 1) return { guess: { t: "const", value: values[0] } };
  return { guess: { t: "leaf", leaf: { gen: "pick", values: [...counts.keys()] } } };
}

/** A walk (or a sensor reading) around the values seen, kept in a range that fits them. */
function around(e: Evidence, hints: NameHints, integer: boolean, decimals: number): Inferred {
  const sampled = e.numbers.length > 0;
  // Without samples (a schema with a range or nothing): the middle of the range, or of 0-100.
  const lo = e.min ?? (e.max !== undefined ? e.max - 100 : 0);
  const hi = e.max ?? lo + 100;
  const values = sampled ? e.numbers : [(lo + hi) / 2];
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  const step = 10 ** -decimals;
  let sd = sampled ? Math.sqrt(variance) : (hi - lo) / 6;
  if (!(sd > 0)) sd = Math.abs(mean) > 0 ? Math.abs(mean) * 0.05 : 1;
  if (e.min !== undefined && e.max !== undefined) sd = Math.min(sd, (e.max - e.min) / 6 || sd);
  sd = Math.max(step, sd);
  let min = e.min ?? (sampled ? mean - 6 * sd : lo);
  let max = e.max ?? (sampled ? mean + 6 * sd : hi);
  if (sampled && e.min === undefined && values.every((v) => v >= 0) && min < 0) min = 0;
  if (sampled && e.max === undefined && values.every((v) => v <= 0) && max > 0) max = 0;
  const d = Math.max(decimals, integer ? 0 : 1);
  const tidy = (x: number): number => round(x, d + 1);
  [min, max] = [Math.min(tidy(min), mean), Math.max(tidy(max), mean)];
  if (!(min < max)) max = min + Math.max(1, step);
  const centre = tidy(Math.min(max, Math.max(min, mean)));
  const base = { mean: centre, sd: tidy(sd), min: Math.min(min, centre), max: Math.max(max, centre), decimals: d };
  if (![base.mean, base.sd, base.min, base.max].every(Number.isFinite))
    return { guess: { t: "const", value: values[0] }, comment: "kept as in the sample" };
  if (hints.sensor) return { guess: { t: "leaf", leaf: { gen: "reading", ...base, smoothing: 0.5 } } };
  const seen =
    e.numbers.length > 1
      ? `${e.numbers.length} values seen`
      : e.numbers.length === 1
        ? `sample ${e.numbers[0]}`
        : "schema range";
  return { guess: { t: "leaf", leaf: { gen: "walk", ...base } }, comment: `wanders around ${base.mean} (${seen})` };
}
