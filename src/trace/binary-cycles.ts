/**
 * The cycles of a two-valued column (a flag, a game day) on the scale its value is drawn on: the
 * value is the upper one when the latent score, its cycles plus a normal residual of spread σ,
 * passes a threshold τ, so a bin's share of upper values is Φ((c − τ)/σ), not linear in the
 * mean score c. The profiles are set (by Newton steps, period by period) so that each bin's
 * share over the trace's own rows is the trace's: a season of away games keeps its shape instead
 * of being flattened in the quiet bins and sharpened in the busy ones.
 */
import { phaseBin, type Cycle } from "../sim/copula/latent.ts";
import { clamp } from "./marginal.ts";
import { normCdf, normPdf } from "./stats.ts";

const PASSES = 12;
/** Largest move of one bin's score per pass, and the furthest a bin may sit from the threshold (in σ). */
const MAX_STEP = 1;
const MAX_REACH = 6;

/**
 * Sets `cycles`' profiles in place. `upper`: 1 where the trace holds the upper value; `tau`: the
 * latent threshold; `sigma`: the spread of the latent residual around the cycles.
 */
export function calibrateBinaryCycles(
  cycles: readonly Cycle[],
  upper: ArrayLike<number>,
  times: ArrayLike<number>,
  tau: number,
  sigma: number,
): void {
  const n = upper.length;
  if (cycles.length === 0 || !(sigma > 0) || n === 0) return;
  const bins = cycles.map((c) =>
    Int32Array.from({ length: n }, (_, i) => phaseBin(times[i] as number, c.period, c.profile.length)),
  );
  const score = new Float64Array(n);
  const total = (): void => {
    score.fill(0);
    cycles.forEach((c, k) => {
      const b = bins[k] as Int32Array;
      for (let i = 0; i < n; i++) score[i] = (score[i] as number) + (c.profile[b[i] as number] as number);
    });
  };
  for (let pass = 0; pass < PASSES; pass++) {
    cycles.forEach((c, k) => {
      total();
      const m = c.profile.length;
      const [count, ones, model, slope] = [0, 0, 0, 0].map(() => new Float64Array(m)) as [
        Float64Array,
        Float64Array,
        Float64Array,
        Float64Array,
      ];
      const b = bins[k] as Int32Array;
      for (let i = 0; i < n; i++) {
        const j = b[i] as number;
        const z = ((score[i] as number) - tau) / sigma;
        count[j] = (count[j] as number) + 1;
        ones[j] = (ones[j] as number) + (upper[i] as number);
        model[j] = (model[j] as number) + normCdf(z);
        slope[j] = (slope[j] as number) + normPdf(z) / sigma;
      }
      const profile = c.profile as Float64Array | number[];
      for (let j = 0; j < m; j++) {
        const nj = count[j] as number;
        if (nj === 0) continue;
        // A bin with no upper value (or no lower one) aims at half a row's share, not at 0:
        // a finite score, and no certainty the trace cannot show.
        const target = clamp((ones[j] as number) / nj, 0.5 / nj, 1 - 0.5 / nj);
        const gap = target - (model[j] as number) / nj;
        const step = gap / Math.max((slope[j] as number) / nj, 1e-9);
        profile[j] = clamp(
          (profile[j] as number) + clamp(step, -MAX_STEP * sigma, MAX_STEP * sigma),
          tau - MAX_REACH * sigma,
          tau + MAX_REACH * sigma,
        );
      }
    });
  }
}
