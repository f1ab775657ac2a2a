/** Plain statistics of numeric series: moments, quantiles, lag-1 autocorrelation, Pearson correlation, normal CDF and its inverse. */

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

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 on erf, |error| < 1.5e-7). */
export function normCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

export function normPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normInv(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - pl) return -normInv(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
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
