/**
 * NORTA ("normal to anything") inversion: the latent correlation that gives two mapped columns
 * the correlation the trace shows. A value's correlation is a monotone function of the latent
 * one; it is simulated with common random numbers and inverted by bisection.
 */
import { gauss } from "../sim/gauss.ts";
import { Random } from "../sim/random.ts";
import { columnValue, type ColumnModel } from "../sim/copula/latent.ts";
import { pearson } from "./stats.ts";

const PAIRS = 4000;
const STEPS = 14;

export interface PairSide {
  model: ColumnModel;
  /** Variance of the column's latent AR part. */
  variance: number;
  /** Added to each draw's time (the lag of an autocorrelation). */
  shiftMs: number;
}

export class Norta {
  private readonly w1 = new Float64Array(PAIRS);
  private readonly w2 = new Float64Array(PAIRS);
  private readonly t = new Float64Array(PAIRS);
  private readonly a = new Float64Array(PAIRS);
  private readonly b = new Float64Array(PAIRS);

  /** `times`: when the pairs are drawn (the trace's own times, so cycles weigh as in the trace). */
  constructor(seed: number, times: ArrayLike<number>) {
    const r = new Random(seed);
    for (let i = 0; i < PAIRS; i++) {
      this.w1[i] = gauss(r);
      this.w2[i] = gauss(r);
      this.t[i] = times.length > 0 ? (times[r.int(times.length)] as number) : 0;
    }
  }

  /** Correlation of the two sides' values when their latent parts correlate by rho. */
  valueCorrelation(x: PairSide, y: PairSide, rho: number): number {
    const sx = Math.sqrt(x.variance);
    const sy = Math.sqrt(y.variance);
    const c = Math.sqrt(Math.max(0, 1 - rho * rho));
    for (let i = 0; i < PAIRS; i++) {
      const w1 = this.w1[i] as number;
      const t = this.t[i] as number;
      this.a[i] = columnValue(x.model, sx * w1, t + x.shiftMs);
      this.b[i] = columnValue(y.model, sy * (rho * w1 + c * (this.w2[i] as number)), t + y.shiftMs);
    }
    return pearson(this.a, this.b);
  }

  /** The latent correlation giving `target` (clipped to what is reachable). */
  latentFor(x: PairSide, y: PairSide, target: number, lo = -0.999, hi = 0.9999): number {
    if (!Number.isFinite(target)) return 0;
    let low = lo;
    let high = hi;
    if (this.valueCorrelation(x, y, high) <= target) return high;
    if (this.valueCorrelation(x, y, low) >= target) return low;
    for (let s = 0; s < STEPS; s++) {
      const mid = (low + high) / 2;
      if (this.valueCorrelation(x, y, mid) < target) low = mid;
      else high = mid;
    }
    return (low + high) / 2;
  }
}
