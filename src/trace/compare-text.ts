/** compare's lines for a text column: each value's share and the mean run length, trace vs sample. */
import { within, type CompareLine } from "./compare-line.ts";
import { meanRunLength, sharesOf } from "./text-chains.ts";

/** The tolerances of a text column's lines. */
export const TEXT_TOLERANCE = {
  /** A value's share: within this × √(p (1 − p)), the mean rule (0.1 std) on the value's 0/1 indicator. */
  share: 0.1,
  /** Mean run length: within this share of the trace's, as a std within 10 %. */
  run: 0.1,
} as const;

export function textLines(
  column: string,
  trace: readonly (readonly string[])[],
  sample: readonly (readonly string[])[],
): CompareLine[] {
  const t = sharesOf(trace);
  const s = sharesOf(sample);
  const lines = [...t].map(([value, p]) =>
    within(
      column,
      `share of ${JSON.stringify(value)}`,
      p,
      s.get(value) ?? 0,
      TEXT_TOLERANCE.share * Math.sqrt(p * (1 - p)),
    ),
  );
  const run = meanRunLength(trace);
  lines.push(within(column, "mean run length (rows)", run, meanRunLength(sample), TEXT_TOLERANCE.run * run));
  return lines;
}
