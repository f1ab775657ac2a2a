/** Plain statistics of numeric series: moments, quantiles, lag-1 autocorrelation, Pearson correlation, normal scores. */
import { normInv, normPdf } from "../sim/copula/normal.ts";

export { normCdf, normInv, normPdf } from "../sim/copula/normal.ts";

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return xs.length === 0 ? NaN : s / xs.length;
}

/** Population standard deviation. */
export function std(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += ((xs[i] as number) - m) ** 2;
  return xs.length === 0 ? NaN : Math.sqrt(s / xs.length);
}

/** Quantile p (0-1) of sorted values, linear between order statistics (type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * The smallest value with at least a share p of the data at or below it (the inverse of the
 * empirical CDF): on 0/1 data p95 is 0 or 1, never a value between that no row has.
 */
export function lowerQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  return n === 0 ? NaN : (sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n - 1e-9) - 1))] as number);
}

export function sortedCopy(xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs).sort();
}

/**
 * Lag-1 autocorrelation of several series (one per device) pooled: the overall mean and
 * variance, lag products only within each series.
 */
export function acf1(series: readonly ArrayLike<number>[]): number {
  let n = 0;
  let s = 0;
  for (const xs of series) for (let i = 0; i < xs.length; i++, n++) s += xs[i] as number;
  if (n < 3) return NaN;
  const m = s / n;
  let num = 0;
  let den = 0;
  for (const xs of series) {
    for (let i = 0; i < xs.length; i++) {
      const d = (xs[i] as number) - m;
      den += d * d;
      if (i > 0) num += d * ((xs[i - 1] as number) - m);
    }
  }
  // A constant column has no autocorrelation to speak of: call it 1 (it repeats itself).
  return den === 0 ? 1 : num / den;
}

/** Pearson correlation; 0 when either side is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = (a[i] as number) - ma;
    const y = (b[i] as number) - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

/**
 * Normal scores: each value's latent N(0, 1) position. Tied values share the mean of the
 * normal over their rank interval, E[Z | a < Φ(Z) < b], so a 0/1 column gets two honest scores.
 */
export function normalScores(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (xs[i] as number) - (xs[j] as number));
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let k = i;
    while (k + 1 < n && xs[order[k + 1] as number] === xs[order[i] as number]) k++;
    const lo = normInv(i / n);
    const hi = normInv((k + 1) / n);
    const share = (k + 1 - i) / n;
    const score = (normPdf(lo) - normPdf(hi)) / share;
    for (let r = i; r <= k; r++) out[order[r] as number] = score;
    i = k + 1;
  }
  return out;
}
