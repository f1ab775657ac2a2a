/** Small dense symmetric matrices (row-major Float64Array k×k): Jacobi eigenvalues, nearest correlation matrix, Cholesky. */

export type Matrix = Float64Array;

export function identity(k: number): Matrix {
  const m = new Float64Array(k * k);
  for (let i = 0; i < k; i++) m[i * k + i] = 1;
  return m;
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix by cyclic Jacobi rotations. */
export function eigenSymmetric(a: Matrix, k: number): { values: Float64Array; vectors: Matrix } {
  const m = Float64Array.from(a);
  const v = identity(k);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += (m[p * k + q] as number) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const app = m[p * k + p] as number;
        const aqq = m[q * k + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const mrp = m[r * k + p] as number;
          const mrq = m[r * k + q] as number;
          m[r * k + p] = c * mrp - s * mrq;
          m[r * k + q] = s * mrp + c * mrq;
        }
        for (let r = 0; r < k; r++) {
          const mpr = m[p * k + r] as number;
          const mqr = m[q * k + r] as number;
          m[p * k + r] = c * mpr - s * mqr;
          m[q * k + r] = s * mpr + c * mqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p] as number;
          const vrq = v[r * k + q] as number;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = m[i * k + i] as number;
  return { values, vectors: v };
}

/**
 * The correlation matrix nearest to `a` by eigenvalue clipping (to `floor`) and rescaling the
 * diagonal to 1: what a Cholesky can factor when the fitted correlations are not jointly possible.
 */
export function nearestCorrelation(a: Matrix, k: number, floor = 1e-4): Matrix {
  const { values, vectors } = eigenSymmetric(a, k);
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let e = 0; e < k; e++)
        s += (vectors[i * k + e] as number) * Math.max(floor, values[e] as number) * (vectors[j * k + e] as number);
      out[i * k + j] = s;
    }
  }
  const d = Array.from({ length: k }, (_, i) => Math.sqrt(out[i * k + i] as number));
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++)
      out[i * k + j] = i === j ? 1 : (out[i * k + j] as number) / ((d[i] as number) * (d[j] as number));
  return out;
}

/** Lower-triangular L with L Lᵀ = a, or undefined when a is not positive definite. */
export function cholesky(a: Matrix, k: number): Matrix | undefined {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j] as number;
      for (let e = 0; e < j; e++) s -= (l[i * k + e] as number) * (l[j * k + e] as number);
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * k + i] = Math.sqrt(s);
      } else {
        l[i * k + j] = s / (l[j * k + j] as number);
      }
    }
  }
  return l;
}

/** Cholesky of the nearest correlation matrix: always succeeds. */
export function safeCholesky(a: Matrix, k: number): Matrix {
  return cholesky(a, k) ?? cholesky(nearestCorrelation(a, k), k) ?? identity(k);
}

export function multiply(a: Matrix, b: Matrix, k: number): Matrix {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let e = 0; e < k; e++) {
      const aie = a[i * k + e] as number;
      if (aie === 0) continue;
      for (let j = 0; j < k; j++) out[i * k + j] = (out[i * k + j] as number) + aie * (b[e * k + j] as number);
    }
  }
  return out;
}

export function transpose(a: Matrix, k: number): Matrix {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[j * k + i] = a[i * k + j] as number;
  return out;
}

/** Inverse by Gauss-Jordan with partial pivoting, or undefined when singular. */
export function inverse(a: Matrix, k: number): Matrix | undefined {
  const m = Float64Array.from(a);
  const inv = identity(k);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r * k + c] as number) > Math.abs(m[p * k + c] as number)) p = r;
    const pivot = m[p * k + c] as number;
    if (Math.abs(pivot) < 1e-12) return undefined;
    if (p !== c) {
      for (let j = 0; j < k; j++) {
        [m[p * k + j], m[c * k + j]] = [m[c * k + j] as number, m[p * k + j] as number];
        [inv[p * k + j], inv[c * k + j]] = [inv[c * k + j] as number, inv[p * k + j] as number];
      }
    }
    for (let j = 0; j < k; j++) {
      m[c * k + j] = (m[c * k + j] as number) / pivot;
      inv[c * k + j] = (inv[c * k + j] as number) / pivot;
    }
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = m[r * k + c] as number;
      if (f === 0) continue;
      for (let j = 0; j < k; j++) {
        m[r * k + j] = (m[r * k + j] as number) - f * (m[c * k + j] as number);
        inv[r * k + j] = (inv[r * k + j] as number) - f * (inv[c * k + j] as number);
      }
    }
  }
  return inv;
}

/** The nearest positive semi-definite matrix (eigenvalues clipped at `floor`), keeping the scale. */
export function nearestPsd(a: Matrix, k: number, floor: number): Matrix {
  const { values, vectors } = eigenSymmetric(a, k);
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let e = 0; e < k; e++)
        s += (vectors[i * k + e] as number) * Math.max(floor, values[e] as number) * (vectors[j * k + e] as number);
      out[i * k + j] = s;
    }
  }
  return out;
}

/**
 * The stationary covariance C of u_t = A u_{t-1} + e_t with Cov(e) = s: C = A C Aᵀ + s, by
 * doubling (C += M C Mᵀ, M = M²), exact to rounding after 40 steps when A is stable.
 */
export function stationaryCovariance(a: Matrix, s: Matrix, k: number): Matrix {
  const c: Matrix = Float64Array.from(s);
  let m: Matrix = Float64Array.from(a);
  for (let step = 0; step < 40; step++) {
    const add = multiply(multiply(m, c, k), transpose(m, k), k);
    let change = 0;
    for (let i = 0; i < k * k; i++) {
      change = Math.max(change, Math.abs(add[i] as number));
      c[i] = (c[i] as number) + (add[i] as number);
    }
    if (change < 1e-14 || !Number.isFinite(change)) break;
    m = multiply(m, m, k);
  }
  return c;
}
