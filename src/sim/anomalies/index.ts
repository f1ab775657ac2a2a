/** Every anomaly kind, registered by name: keys, stdin, timelines and the header use these names. */
import { burst } from "./burst.ts";
import { clockSkew } from "./clock-skew.ts";
import { drift } from "./drift.ts";
import { dropout } from "./dropout.ts";
import { duplicate } from "./duplicate.ts";
import type { AnomalyKind } from "./kind.ts";
import { late } from "./late.ts";
import { malformed } from "./malformed.ts";
import { spike } from "./spike.ts";
import { stuck } from "./stuck.ts";

export type { AnomalyKind, AnomalyScope } from "./kind.ts";

export const ANOMALY_KINDS: readonly AnomalyKind[] = Object.freeze([
  spike,
  drift,
  stuck,
  dropout,
  burst,
  malformed,
  duplicate,
  late,
  clockSkew,
]);

export function findAnomalyKind(name: string): AnomalyKind | undefined {
  return ANOMALY_KINDS.find((k) => k.name === name.toLowerCase());
}

export const ANOMALY_NAMES: readonly string[] = ANOMALY_KINDS.map((k) => k.name);
