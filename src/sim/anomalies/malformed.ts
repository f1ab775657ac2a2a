import type { Random } from "../random.ts";
import type { AnomalyKind } from "./kind.ts";

/**
 * Half of the corrupted records are not JSON at all (cut mid-way), the other half are JSON that
 * breaks the schema (a number turned into a string, a field renamed).
 */
export function corruptRecord(value: string, random: Random): string {
  const pick = random.int(3);
  if (pick === 0) return value.slice(0, Math.max(1, Math.floor(value.length / 2)));
  if (pick === 1) {
    const changed = value.replace(/":(-?\d+(?:\.\d+)?)/, '":"$1"');
    return changed === value ? `${value}}` : changed;
  }
  const renamed = value.replace(/^\{"([^"]+)"/, '{"$1_x"');
  return renamed === value ? `{${value}` : renamed;
}

export const malformed: AnomalyKind = {
  name: "malformed",
  summary: "records become invalid JSON or break the schema",
  scope: "devices",
  defaultShare: 0.05,
  defaultDurationMs: 10_000,
  defaultMagnitude: 1,
  magnitudeMeaning: "unused",
  corrupt: corruptRecord,
};
