/** The sample interval several payloads of the same devices show: the median gap between one device's timestamps. */
import { epochUnit } from "./infer-number.ts";
import { isoShape } from "./infer-string.ts";
import { nameHints } from "./names.ts";

const MIN_MS = 100;
const MAX_MS = 86_400_000;

/** Epoch ms of a timestamp value (epoch s/ms/µs number or ISO text), or undefined. */
function toMs(v: unknown, unit: string | undefined): number | undefined {
  if (typeof v === "string" && isoShape(v)) {
    const ms = Date.parse(v.replace(" ", "T"));
    return Number.isFinite(ms) ? ms : undefined;
  }
  if (typeof v !== "number") return undefined;
  return unit === "epoch-s" ? v * 1000 : unit === "epoch-ms" ? v : unit === "epoch-us" ? v / 1000 : undefined;
}

/**
 * The gap between consecutive timestamps of the same device (told apart by an id-like top-level
 * field when there is one), in ms; undefined when the samples do not show one.
 */
export function sampleIntervalOf(samples: readonly Record<string, unknown>[]): number | undefined {
  if (samples.length < 2) return undefined;
  const keys = Object.keys(samples[0] ?? {});
  const idKey = keys.find(
    (k) =>
      nameHints(k).id &&
      !nameHints(k).perEvent &&
      samples.every((s) => typeof s[k] === "string" || typeof s[k] === "number"),
  );
  for (const key of keys) {
    const numbers = samples.map((s) => s[key]).filter((v): v is number => typeof v === "number");
    const unit = numbers.length > 0 ? epochUnit(numbers, nameHints(key).time) : undefined;
    const byDevice = new Map<unknown, number[]>();
    for (const s of samples) {
      const ms = toMs(s[key], unit);
      if (ms === undefined) continue;
      const device = idKey === undefined ? "" : s[idKey];
      byDevice.set(device, [...(byDevice.get(device) ?? []), ms]);
    }
    const gaps: number[] = [];
    for (const times of byDevice.values()) {
      times.sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) {
        const gap = (times[i] as number) - (times[i - 1] as number);
        if (gap > 0) gaps.push(gap);
      }
    }
    if (gaps.length === 0) continue;
    gaps.sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)] as number;
    if (median >= MIN_MS && median <= MAX_MS) return Math.round(median);
  }
  return undefined;
}

/** 5000 → "5s", 1500 → "1500ms", 120000 → "2m". */
export function formatInterval(ms: number): string {
  const whole = Math.round(ms);
  if (whole % 60_000 === 0) return `${whole / 60_000}m`;
  if (whole % 1000 === 0) return `${whole / 1000}s`;
  return `${whole}ms`;
}
