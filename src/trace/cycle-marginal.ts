/**
 * A column's stored quantile function composed with the law of its latent probability: the value
 * is Q(Φ(c + u)), c the cycle at the event's time and u a normal residual of spread σ, and
 * Φ(c + u) is uniform only when the cycle's mixture is normal. A season that lifts a few weeks
 * (snow in winter) skews it, and a long sample's p95 sat 0.05 of the range above the trace's.
 * With G(p) = P(Φ(c + u) ≤ p) over the trace's own times, Q ∘ G gives the trace's marginal back.
 */
import { stepAt, type ColumnModel } from "../sim/copula/latent.ts";
import { normCdf, normInv, sortedCopy } from "./stats.ts";

/** Cycle values kept (evenly spaced quantiles of c over the trace's rows), and the grid of z. */
const MIX_POINTS = 256;
export const Z_MAX = 8;
export const Z_STEP = 0.01;

/** A score's law: H on the grid z. */
export interface Law {
  z: Float64Array;
  h: Float64Array;
}

/** H(z) = P(c + u ≤ z) on a grid of z, u of law `cdf` independent of c. */
export function mixture(cycle: ArrayLike<number>, cdf: (u: number) => number): Law {
  const sorted = sortedCopy(cycle);
  const m = Math.min(MIX_POINTS, sorted.length);
  const cs = Float64Array.from({ length: m }, (_, j) => sorted[Math.floor(((j + 0.5) * sorted.length) / m)] as number);
  const count = Math.round((2 * Z_MAX) / Z_STEP) + 1;
  const z = Float64Array.from({ length: count }, (_, i) => -Z_MAX + i * Z_STEP);
  const h = z.map((v) => {
    let s = 0;
    for (const c of cs) s += cdf(v - c);
    return s / m;
  });
  return { z, h };
}

/** The z at which H reaches `p` (linear between grid points). */
function inverseOf({ z, h }: Law, p: number): number {
  let lo = 0;
  let hi = h.length - 1;
  if (p <= (h[0] as number)) return z[0] as number;
  if (p >= (h[hi] as number)) return z[hi] as number;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((h[mid] as number) <= p) lo = mid;
    else hi = mid;
  }
  const width = (h[hi] as number) - (h[lo] as number);
  return (z[lo] as number) + (width > 0 ? (p - (h[lo] as number)) / width : 0) * Z_STEP;
}

/** H at z (linear between grid points). */
function valueAt({ h }: Law, v: number): number {
  const x = Math.min(h.length - 1, Math.max(0, (v + Z_MAX) / Z_STEP));
  const i = Math.min(h.length - 2, Math.floor(x));
  return (h[i] as number) + (x - i) * ((h[i + 1] as number) - (h[i] as number));
}

/**
 * `model`'s table rewritten in place so that Q(Φ(c + u)) has the table's own law: a step table's
 * values at G((i + ½)/K); an interpolated table's probabilities p at G⁻¹(p). `cycle`: c at each
 * of the trace's rows; `sigma`: the residual's spread.
 */
export function undoCycleMix(model: Table, cycle: ArrayLike<number>, sigma: number): void {
  if (!(sigma > 0) || cycle.length === 0) return;
  undoMix(
    model,
    mixture(cycle, (u) => normCdf(u / sigma)),
  );
}

export type Table = Pick<ColumnModel, "quantiles" | "probabilities" | "steps" | "tails">;

/** `model`'s table (its own law, uncomposed) rewritten in place so that Q(Φ(score)) has that law when the score's law is `mix`. */
export function undoMix(model: Table, mix: Law): void {
  const q = model.quantiles;
  const k = q.length;
  if (model.steps) {
    model.quantiles = Array.from({ length: k }, (_, i) => stepAt(q, valueAt(mix, normInv((i + 0.5) / k))));
    return;
  }
  const p = model.probabilities ?? Array.from({ length: k }, (_, i) => i / (k - 1));
  const out = Array.from(p, (v, i) =>
    i === 0 ? 0 : i === k - 1 ? 1 : Number(normCdf(inverseOf(mix, v as number)).toFixed(9)),
  );
  for (let i = 1; i < k; i++) out[i] = Math.max(out[i] as number, out[i - 1] as number);
  model.probabilities = out;
  const tails = model.tails;
  if (tails) {
    const at = (v: number): number => (v <= 0 || v >= 1 ? v : Number(normCdf(inverseOf(mix, v)).toFixed(9)));
    model.tails = [at(tails[0]), at(tails[1])];
  }
}
