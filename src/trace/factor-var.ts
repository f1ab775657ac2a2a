/**
 * The latent process as independent AR(1) factors, slowest first: u = D L f, L the Cholesky
 * factor of the correlations, so a fast column can share a slow column's wander.
 */
import type { LatentModel } from "../sim/copula/latent.ts";
import { cholesky, identity, inverse, multiply, nearestPsd, transpose, type Matrix } from "../sim/copula/linalg.ts";

/**
 * One memory per column with correlated innovations (var-model.ts) cannot correlate a slow
 * column with a fast one beyond √((1 − a²)(1 − b²))/(1 − ab) (0.52 for lag-1 0.94 and 0.46:
 * danish's lrm ~ lpy is −0.62). Here column i (in order of memory, slowest first) is
 * Σ_m L_im f_m, the factors f_m independent AR(1)s of memory λ_m: its lag-0 correlations are
 * L Lᵀ exactly, and its lag-1 autocorrelation Σ_m L_im² λ_m, so λ is solved row by row
 * (clamped to [low, high]). The transition L Λ L⁻¹ has the factors' memories as eigenvalues.
 */
export function factorVar(
  c0: Matrix,
  rho: readonly number[],
  k: number,
  variance: readonly number[],
  low: number,
  high: number,
): LatentModel {
  const sd = Array.from({ length: k }, (_, i) => Math.sqrt(Math.max(1e-12, variance[i] as number)));
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => (rho[b] as number) - (rho[a] as number));
  const r = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const [i, j] = [order[a] as number, order[b] as number];
      r[a * k + b] = a === b ? 1 : (c0[i * k + j] as number) / ((sd[i] as number) * (sd[j] as number));
    }
  }
  // Nearly collinear columns: a floor on the factors' shares keeps L⁻¹ (and so the transition) tame.
  const l = cholesky(unitDiagonal(nearestPsd(r, k, 1e-3), k), k) ?? identity(k);
  const lambda = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let rest = rho[order[a] as number] as number;
    for (let m = 0; m < a; m++) rest -= (l[a * k + m] as number) ** 2 * (lambda[m] as number);
    lambda[a] = Math.min(high, Math.max(low, rest / (l[a * k + a] as number) ** 2));
  }
  const inv = inverse(l, k) ?? identity(k);
  const scaled = (m: Matrix): Matrix => m.map((x, at) => x * (lambda[at % k] as number));
  const aOrdered = multiply(scaled(l), inv, k);
  // Innovations L diag(1 − λ²) Lᵀ, in the columns' own order, scaled to their variances.
  const shares = l.map((x, at) => x * Math.sqrt(1 - (lambda[at % k] as number) ** 2));
  const sOrdered = multiply(shares, transpose(shares, k), k);
  const transition = new Float64Array(k * k);
  const s = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const [i, j] = [order[a] as number, order[b] as number];
      const ratio = (sd[i] as number) / (sd[j] as number);
      transition[i * k + j] = (aOrdered[a * k + b] as number) * ratio;
      s[i * k + j] = (sOrdered[a * k + b] as number) * (sd[i] as number) * (sd[j] as number);
    }
  }
  return { k, transition, cholesky: cholesky(s, k) ?? cholesky(nearestPsd(s, k, 1e-9), k) ?? identity(k) };
}

/** The matrix rescaled to a unit diagonal (a correlation matrix again after clipping). */
function unitDiagonal(a: Matrix, k: number): Matrix {
  return a.map(
    (x, at) => x / Math.sqrt((a[Math.floor(at / k) * (k + 1)] as number) * (a[(at % k) * (k + 1)] as number)),
  );
}
