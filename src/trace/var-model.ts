/**
 * The latent vector AR(1) u_t = A u_{t-1} + L e_t from the latent scores' lag-0 and lag-1
 * covariances, kept stable and possible.
 */
import type { LatentModel } from "../sim/copula/latent.ts";
import { cholesky, identity, nearestPsd, type Matrix } from "../sim/copula/linalg.ts";
import { mean } from "./stats.ts";

/** Lag-0 and lag-1 covariances of the series (k×k): C0 = E[u uᵀ], C1 = E[u_t u_{t-1}ᵀ]. */
export function covariances(series: readonly Float64Array[]): { c0: Matrix; c1: Matrix } {
  const k = series.length;
  const n = series[0]?.length ?? 0;
  const centred = series.map((x) => {
    const m = mean(x);
    return x.map((v) => v - m);
  });
  const c0 = new Float64Array(k * k);
  const c1 = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const a = centred[i] as Float64Array;
    for (let j = 0; j < k; j++) {
      const b = centred[j] as Float64Array;
      let s0 = 0;
      let s1 = 0;
      for (let t = 0; t < n; t++) {
        s0 += (a[t] as number) * (b[t] as number);
        if (t > 0) s1 += (a[t] as number) * (b[t - 1] as number);
      }
      c0[i * k + j] = s0 / n;
      c1[i * k + j] = s1 / n;
    }
  }
  return { c0, c1 };
}

/**
 * The latent process with its own lag-1 autocorrelation φ_i per component (A = diag φ) and
 * lag-0 covariance c0: innovations S_ij = c0_ij (1 − φ_i φ_j), made possible (PSD) if they are not.
 * Only each column's own memory and the lag-0 correlations are fitted, which is what compare
 * checks; a full A = C1 C0⁻¹ has k² coefficients to estimate and blows up when columns are
 * nearly collinear (a station's ridership and the total, four baseball-season flags).
 */
export function diagonalVar(c0: Matrix, phi: readonly number[], k: number, variance: readonly number[]): LatentModel {
  const floor = 1e-6 * Math.max(1e-9, mean(variance));
  const s = nearestPsd(
    c0.map((x, at) => x * (1 - (phi[Math.floor(at / k)] as number) * (phi[at % k] as number))),
    k,
    floor,
  );
  const transition = new Float64Array(k * k);
  for (let i = 0; i < k; i++) transition[i * k + i] = phi[i] as number;
  const l = cholesky(s, k) ?? identity(k);
  const stationary = s.map((x, at) => x / (1 - (phi[Math.floor(at / k)] as number) * (phi[at % k] as number)));
  return rescaled({ k, transition, cholesky: l }, stationary, variance);
}

/**
 * The same process scaled so each component's stationary variance is the latent variance it
 * was fitted for (clipping the innovations to a possible covariance inflates it): u' = D u,
 * A' = D A D⁻¹, L' = D L. Autocorrelations and correlations are unchanged.
 */
function rescaled(m: LatentModel, stationary: Matrix, variance: readonly number[]): LatentModel {
  const { k } = m;
  const d = Array.from({ length: k }, (_, i) => Math.sqrt((variance[i] as number) / (stationary[i * k + i] as number)));
  const transition = m.transition.map((x, at) => (x * (d[Math.floor(at / k)] as number)) / (d[at % k] as number));
  const l = m.cholesky.map((x, at) => x * (d[Math.floor(at / k)] as number));
  return { k, transition, cholesky: l };
}
