/**
 * band: a reading that is uniform in its normal band most of the time, with a share of anomalies
 * drawn from bands above and below it, plus uniform noise; the band's centre may follow the day.
 */
import type { GeneratorSpec } from "../spec.ts";
import { DECIMALS, lit, num, ordered } from "./common.ts";
import { readingCode } from "./reading-tail.ts";

/** Default anomaly bands: from 1.5 × normalMax up to max, from min up to 0.5 × normalMin (half-way to the limit when those fall outside). */
export function defaultBands(
  min: number,
  max: number,
  normalMin: number,
  normalMax: number,
): { high: [number, number]; low: [number, number] } {
  const hi = 1.5 * normalMax;
  const lo = 0.5 * normalMin;
  return { high: [hi < max ? hi : (normalMax + max) / 2, max], low: [min, lo > min ? lo : (min + normalMin) / 2] };
}

export const band: GeneratorSpec = {
  name: "band",
  doc: "A reading uniform in [normalMin, normalMax], except a share `anomalyRate` drawn above or below the band (half each), plus ±noise; with `dailySwing` the band narrows to `dailySpread` of its width and its centre moves ±dailySwing × width with the day (peak 15:00 UTC, simulated time). Spike / drift / stuck anomalies apply.",
  scope: "event",
  output: "number",
  reading: true,
  params: {
    min: { type: "number", required: true, doc: "lowest physical value" },
    max: { type: "number", required: true, doc: "highest physical value" },
    normalMin: { type: "number", required: true, doc: "normal band low end" },
    normalMax: { type: "number", required: true, doc: "normal band high end" },
    anomalyRate: { type: "number", min: 0, max: 1, default: 0.05, doc: "share of readings drawn outside the band" },
    noise: { type: "number", min: 0, default: 0, doc: "uniform ± noise on every reading" },
    dailySwing: {
      type: "number",
      min: -0.5,
      max: 0.5,
      default: 0,
      doc: "the band centre moves ± this share of its width with the day (negative: lowest at 15:00)",
    },
    dailySpread: {
      type: "number",
      min: 0,
      max: 1,
      default: 0.6,
      doc: "width of the moving band, as a share of the normal band",
    },
    decimals: DECIMALS,
  },
  example: { min: -20, max: 50, normalMin: 15, normalMax: 25, anomalyRate: 0.05, noise: 0.1 },
  check: (p) => [
    ...ordered(p, "min", "max"),
    ...ordered(p, "normalMin", "normalMax"),
    ...(num(p, "normalMin") < num(p, "min") || num(p, "normalMax") > num(p, "max")
      ? ["normalMin: the normal band must lie within [min, max]"]
      : []),
  ],
  compile: (p, c) => {
    const [min, max, nmin, nmax] = [num(p, "min"), num(p, "max"), num(p, "normalMin"), num(p, "normalMax")];
    const width = nmax - nmin;
    const { high, low } = defaultBands(min, max, nmin, nmax);
    const swing = num(p, "dailySwing");
    const normal =
      swing !== 0
        ? `${c.v} = ${lit(nmin)} + ${lit(width)} * (0.5 + ${lit(swing)} * ${c.cycle(24, 15)} + ${lit(num(p, "dailySpread"))} * (R.next() - 0.5));`
        : `${c.v} = ${lit(nmin)} + ${lit(width)} * R.next();`;
    const sample = `if (R.next() >= ${lit(num(p, "anomalyRate"))}) { ${normal} }
    else if (R.next() < 0.5) ${c.v} = ${lit(high[0])} + ${lit(high[1] - high[0])} * R.next();
    else ${c.v} = ${lit(low[0])} + ${lit(low[1] - low[0])} * R.next();
    ${c.v} += ${lit(num(p, "noise"))} * (2 * R.next() - 1);`;
    const mean = c.local("m");
    return { body: readingCode(c, mean, lit(nmin + width / 2), sample, { min, max, width }) };
  },
};
