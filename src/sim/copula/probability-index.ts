/** A bucket index over a quantile table's rising probabilities: the stored point below u in a step or two, not a binary search. */

/** Buckets of the unit interval; a table's even middle puts about one point in each. */
const BUCKETS = 1024;

/**
 * For each bucket b, the last point at or below b / BUCKETS (at most the second to last point);
 * undefined when `p` is not a rising table from 0 to 1 (the binary search then stays exact).
 */
export function probabilityIndex(p: ArrayLike<number>): Uint16Array | undefined {
  const n = p.length;
  if (n < 2 || n > 0xffff || p[0] !== 0 || p[n - 1] !== 1) return undefined;
  for (let i = 1; i < n; i++) if (!((p[i] as number) >= (p[i - 1] as number))) return undefined;
  const index = new Uint16Array(BUCKETS + 1);
  let lo = 0;
  for (let b = 0; b <= BUCKETS; b++) {
    while (lo < n - 2 && (p[lo + 1] as number) <= b / BUCKETS) lo++;
    index[b] = lo;
  }
  return index;
}

/**
 * The one lo with p[lo] ≤ u < p[lo + 1] (lo ≤ p.length − 2) for u in [0, 1): the point a binary
 * search over the same table finds. u × BUCKETS is exact (a power of two), so the bucket's entry
 * is never past that point, and the scan walks up to it.
 */
export function pointBelow(p: ArrayLike<number>, index: Uint16Array, u: number): number {
  const last = p.length - 2;
  let lo = index[(u * BUCKETS) | 0] as number;
  while (lo < last && (p[lo + 1] as number) <= u) lo++;
  return lo;
}
