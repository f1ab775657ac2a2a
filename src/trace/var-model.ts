/**
 * The latent vector AR(1) u_t = A u_{t-1} + L e_t from lag-0 and lag-1 covariances (Yule-Walker:
 * A = C1 C0⁻¹, innovations C0 - A C0 Aᵀ), kept stable and possible.
 */
import type { LatentModel } from "../sim/copula/latent.ts";
import {
  cholesky,
  identity,
  inverse,
  multiply,
  nearestPsd,
  stationaryCovariance,
  transpose,
  type Matrix,
} from "../sim/copula/linalg.ts";
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

/** The VAR(1) with lag-0 covariance c0 and lag-1 covariance c1 (shrunk until it is stable). */
export function yuleWalker(c0: Matrix, c1: Matrix, k: number, variance: readonly number[]): LatentModel | undefined {
  const inv = inverse(c0, k) ?? identity(k);
  let a = multiply(c1, inv, k);
  for (let tries = 0; tries < 30; tries++) {
    const floor = 1e-6 * Math.max(1e-9, mean(Array.from({ length: k }, (_, i) => c0[i * k + i] as number)));
    const s = nearestPsd(minus(c0, multiply(multiply(a, c0, k), transpose(a, k), k)), k, floor);
    const l = cholesky(s, k);
    const stationary = stationaryCovariance(a, s, k);
    const bounded = Array.from({ length: k }, (_, i) => stationary[i * k + i] as number).every(
      (v) => Number.isFinite(v) && v < 100,
    );
    if (l && bounded) return rescaled({ k, transition: a, cholesky: l }, stationary, variance);
    a = a.map((x) => x * 0.9);
  }
  return undefined;
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

/**
 * Makes the lag-0 and lag-1 covariances jointly possible after they were corrected one entry at a
 * time: the block matrix [[C0, C1ᵀ], [C1, C0]] of (u_t, u_{t-1}) must be positive semi-definite.
 */
export function consistent(c0: Matrix, c1: Matrix, k: number): void {
  const w = 2 * k;
  const m = new Float64Array(w * w);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      m[i * w + j] = m[(i + k) * w + j + k] = c0[i * k + j] as number;
      m[(i + k) * w + j] = c1[i * k + j] as number;
      m[i * w + j + k] = c1[j * k + i] as number;
    }
  }
  const p = nearestPsd(m, w, 1e-5);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      c0[i * k + j] = ((p[i * w + j] as number) + (p[(i + k) * w + j + k] as number)) / 2;
      c1[i * k + j] = p[(i + k) * w + j] as number;
    }
  }
}

function minus(a: Matrix, b: Matrix): Matrix {
  return a.map((x, i) => x - (b[i] as number));
}
