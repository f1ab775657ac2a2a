/**
 * A smooth periodic profile: the least-squares fit of a few harmonics of one period (a mean that
 * drifts with the season, evaluated per phase bin). Far fewer parameters than a mean per bin, so
 * a weak cycle (a few % of the variance) stands out of the noise that 52 weekly means carry.
 */
import { PERIOD_BINS, phaseBin, type Period } from "../sim/copula/latent.ts";
import { inverse } from "../sim/copula/linalg.ts";

/** Harmonics per period: a year's and a day's broad swings, a week's weekday/weekend shape. */
export const HARMONICS: Readonly<Record<Period, number>> = { daily: 3, weekly: 2, yearly: 3 };

/** Phase angle of t within the period, as phaseBin places it (0 at the period's start). */
function phase(t: number, period: Period): number {
  const bins = 1 << 20;
  return (2 * Math.PI * phaseBin(t, period, bins)) / bins;
}

function basis(theta: number, h: number, out: Float64Array): void {
  out[0] = 1;
  for (let k = 1; k <= h; k++) {
    out[2 * k - 1] = Math.cos(k * theta);
    out[2 * k] = Math.sin(k * theta);
  }
}

/**
 * The harmonic profile of rows [from, to) evaluated at each bin's centre, without its mean (a
 * cycle only shifts the latent score around the column's own level); undefined when the rows do
 * not pin the harmonics down.
 */
export function harmonicProfile(
  values: ArrayLike<number>,
  times: ArrayLike<number>,
  period: Period,
  from = 0,
  to = values.length,
): Float64Array | undefined {
  const h = HARMONICS[period];
  const p = 2 * h + 1;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = from; i < to; i++) {
    basis(phase(times[i] as number, period), h, row);
    for (let a = 0; a < p; a++) {
      xty[a] = (xty[a] as number) + (row[a] as number) * (values[i] as number);
      for (let b = 0; b < p; b++) xtx[a * p + b] = (xtx[a * p + b] as number) + (row[a] as number) * (row[b] as number);
    }
  }
  const inv = to - from > 4 * p ? inverse(xtx, p) : undefined;
  if (!inv) return undefined;
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) beta[a] = (beta[a] as number) + (inv[a * p + b] as number) * (xty[b] as number);
  const bins = PERIOD_BINS[period];
  const profile = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    basis((2 * Math.PI * (b + 0.5)) / bins, h, row);
    for (let a = 1; a < p; a++) profile[b] = (profile[b] as number) + (beta[a] as number) * (row[a] as number);
  }
  return profile;
}

/** Parameters a harmonic profile of this period fits (for its chance level: about that many / n of the variance). */
export const harmonicParameters = (period: Period): number => 2 * HARMONICS[period];
