/** One leaf's evidence → a generator (numbers, text, true/false). */
import type { Evidence } from "./evidence.ts";
import { inferNumber, type Inferred } from "./infer-number.ts";
import { inferString } from "./infer-string.ts";
import { nameHints } from "./names.ts";

export type { Inferred };

export function inferScalar(e: Evidence, type: "number" | "string" | "boolean"): Inferred {
  if (type === "number") return inferNumber(e);
  if (type === "string") return inferString(e);
  return inferBoolean(e);
}

/** A state (door, switch, motion) stays put between switches; other flags are drawn per event. */
function inferBoolean(e: Evidence): Inferred {
  const seen = e.trues + e.falses;
  const share = Math.round(((e.trues + 1) / (seen + 2)) * 100) / 100;
  if (nameHints(e.name, e.parent).state)
    return {
      guess: { t: "leaf", leaf: { gen: "onoff", onShare: share } },
      comment: seen > 0 ? `on ${Math.round(share * 100)} % of the time` : undefined,
    };
  return { guess: { t: "leaf", leaf: { gen: "bool", p: share } } };
}
