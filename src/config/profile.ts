/**
 * Rate profiles as one word and numbers, the same in `--profile` and a scenario's `profile:`:
 *   constant:3000            ramp:100-5000/2m          step:1000,5000,2000/30s
 *   sine:1000-5000/60s       spike:1000-8000/60s/5s    (base-peak / every / for)
 */
import { parseDuration } from "../common/duration.ts";
import type { RateProfile } from "./types.ts";
import type { Parser } from "../common/values.ts";

export const PROFILE_HINT =
  "must be a rate profile like constant:3000, ramp:100-5000/2m, step:1000,5000/30s, sine:1000-5000/60s or spike:1000-8000/60s/5s";

const rateOf = (text: string | undefined): number | undefined => {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text.trim())) return undefined;
  return Number(text);
};
const msOf = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const d = parseDuration(text);
  return d.ok && d.ms > 0 ? d.ms : undefined;
};
const pair = (text: string | undefined): [number, number] | undefined => {
  const [a, b, extra] = (text ?? "").split("-");
  const x = rateOf(a);
  const y = rateOf(b);
  return x === undefined || y === undefined || extra !== undefined ? undefined : [x, y];
};

export function parseProfile(text: string): RateProfile | undefined {
  const colon = text.indexOf(":");
  if (colon < 0) return undefined;
  const kind = text.slice(0, colon).trim().toLowerCase();
  const [spec, ...times] = text
    .slice(colon + 1)
    .trim()
    .split("/");
  switch (kind) {
    case "constant": {
      const rate = rateOf(spec);
      return rate !== undefined && rate > 0 && times.length === 0 ? { kind, rate } : undefined;
    }
    case "ramp": {
      const p = pair(spec);
      const durationMs = msOf(times[0]);
      return p && durationMs && times.length === 1 ? { kind, from: p[0], to: p[1], durationMs } : undefined;
    }
    case "step": {
      const rates = (spec ?? "").split(",").map(rateOf);
      const stepMs = msOf(times[0]);
      if (!stepMs || times.length !== 1 || rates.some((r) => r === undefined)) return undefined;
      return { kind, rates: rates as number[], stepMs };
    }
    case "sine": {
      const p = pair(spec);
      const periodMs = msOf(times[0]);
      return p && periodMs && times.length === 1 && p[0] <= p[1] ? { kind, min: p[0], max: p[1], periodMs } : undefined;
    }
    case "spike": {
      const p = pair(spec);
      const everyMs = msOf(times[0]);
      const forMs = msOf(times[1]);
      return p && everyMs && forMs && times.length === 2 && forMs < everyMs
        ? { kind, base: p[0], peak: p[1], everyMs, forMs }
        : undefined;
    }
    default:
      return undefined;
  }
}

export const profileValue: Parser<RateProfile> = (raw) => {
  const profile = typeof raw === "string" ? parseProfile(raw) : undefined;
  return profile ? { ok: true, value: profile } : { ok: false, problem: PROFILE_HINT };
};
