/** The target rate a profile asks for at a point of the run. Pure. */
import type { RateProfile } from "../config/types.ts";

export function profileRate(p: RateProfile, elapsedMs: number): number {
  const t = Math.max(0, elapsedMs);
  switch (p.kind) {
    case "constant":
      return p.rate;
    case "ramp":
      return t >= p.durationMs ? p.to : p.from + ((p.to - p.from) * t) / p.durationMs;
    case "step":
      return p.rates[Math.min(p.rates.length - 1, Math.floor(t / p.stepMs))] ?? 0;
    case "sine":
      return p.min + ((p.max - p.min) * (1 - Math.cos((2 * Math.PI * t) / p.periodMs))) / 2;
    case "spike":
      return t % p.everyMs < p.forMs ? p.peak : p.base;
  }
}

export function describeProfile(p: RateProfile): string {
  const s = (ms: number): string => `${ms / 1000}s`;
  switch (p.kind) {
    case "constant":
      return `constant ${p.rate}/s`;
    case "ramp":
      return `ramp ${p.from}→${p.to}/s over ${s(p.durationMs)}`;
    case "step":
      return `step ${p.rates.join(",")}/s every ${s(p.stepMs)}`;
    case "sine":
      return `sine ${p.min}–${p.max}/s, period ${s(p.periodMs)}`;
    case "spike":
      return `spike ${p.base}/s, ${p.peak}/s for ${s(p.forMs)} every ${s(p.everyMs)}`;
  }
}
