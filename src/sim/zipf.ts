/** Zipf-distributed ranks with Walker's alias method: O(n) setup, O(1) per sample. */
import type { Random } from "./random.ts";

export class ZipfSampler {
  private readonly prob: Float64Array;
  private readonly alias: Uint32Array;

  /** Ranks 0..n-1 with P(rank r) ∝ 1 / (r + 1)^exponent. */
  constructor(
    readonly n: number,
    readonly exponent: number,
  ) {
    const weights = new Float64Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) {
      const w = 1 / Math.pow(r + 1, exponent);
      weights[r] = w;
      total += w;
    }
    this.prob = new Float64Array(n);
    this.alias = new Uint32Array(n);
    // Scaled so the average bucket holds 1; small and large buckets are paired up.
    const small: number[] = [];
    const large: number[] = [];
    for (let r = 0; r < n; r++) {
      const p = ((weights[r] ?? 0) * n) / total;
      weights[r] = p;
      (p < 1 ? small : large).push(r);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() ?? 0;
      const l = large.pop() ?? 0;
      this.prob[s] = weights[s] ?? 0;
      this.alias[s] = l;
      const rest = (weights[l] ?? 0) + (weights[s] ?? 0) - 1;
      weights[l] = rest;
      (rest < 1 ? small : large).push(l);
    }
    for (const r of large) this.prob[r] = 1;
    for (const r of small) this.prob[r] = 1; // rounding leftovers
  }

  /** A rank; 0 is the most popular. One random draw: its integer part picks the bucket. */
  sample(random: Random): number {
    const x = random.next() * this.n;
    const bucket = Math.floor(x);
    return x - bucket < (this.prob[bucket] ?? 1) ? bucket : (this.alias[bucket] ?? bucket);
  }
}
