/**
 * The end of every reading's code: anomaly effects (spike scales the deviation from the mean,
 * drift adds a fraction of the normal band, stuck repeats the last written value), clamping of
 * healthy values into [min, max], rounding to the written decimals, and the state stuck needs.
 */
import type { CodeContext } from "../compile/context.ts";
import { lit } from "./common.ts";

export interface ReadingBounds {
  min: number;
  max: number;
  /** Width of the normal band: drift moves a reading by drift × this. */
  width: number;
}

/**
 * Wraps `sample` (statements that set ctx.v; `mean` holds meanCode) with stuck / effects / clamp / round.
 * With `lazyMean` the sample does not read `mean` and meanCode (which must then have no side
 * effects) is evaluated only for an event under a spike or drift: a fitted column's median is a
 * quantile lookup, half the column's cost when done for every event.
 */
export function readingCode(
  c: CodeContext,
  mean: string,
  meanCode: string,
  sample: string,
  b: ReadingBounds,
  lazyMean = false,
): string {
  const last = c.state("f64", NaN);
  const f = 10 ** c.decimals;
  const effectsMean = lazyMean ? meanCode : mean;
  return `{ ${lazyMean ? "" : `const ${mean} = ${meanCode};`}
  if (fx.stuck && ${last}[${c.at}] === ${last}[${c.at}]) ${c.v} = ${last}[${c.at}];
  else {
    ${sample}
    ${c.v} = healthy ? (${c.v} < ${lit(b.min)} ? ${lit(b.min)} : ${c.v} > ${lit(b.max)} ? ${lit(b.max)} : ${c.v}) : applyEffects(${effectsMean}, ${c.v}, ${lit(b.width)}, fx);
    ${c.v} = Math.round(${c.v} * ${f}) / ${f};
    ${last}[${c.at}] = ${c.v};
  } }`;
}
