/** HDR histogram of durations recorded in microseconds and reported in milliseconds. */
import * as hdr from "hdr-histogram-js";
import type { JsHistogram } from "hdr-histogram-js";

/** Percentiles shown everywhere (summary, headless lines, dashboard bars). */
export const PERCENTILES = [50, 75, 90, 95, 99, 99.9, 99.99] as const;

export interface LatencyStats {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  p9999: number;
  max: number;
  mean: number;
  /** [percentile, ms] for each of PERCENTILES, for distribution bars. */
  distribution: ReadonlyArray<readonly [number, number]>;
}

export const EMPTY_STATS: LatencyStats = Object.freeze({
  count: 0,
  p50: 0,
  p90: 0,
  p99: 0,
  p999: 0,
  p9999: 0,
  max: 0,
  mean: 0,
  distribution: Object.freeze(PERCENTILES.map((p) => Object.freeze([p, 0] as const))),
});

/** An hour in microseconds: anything slower is clamped and still counted. */
const HIGHEST_US = 3_600_000_000;

const toMs = (us: number): number => Math.round(us) / 1000;

/** A histogram nothing records into any more: what a closed interval hands to its readers. */
export type ClosedHistogram = Pick<
  LatencyHistogram,
  "count" | "sumMicros" | "maxMicros" | "stats" | "countsAtOrBelow" | "encode" | "addInto"
>;

export class LatencyHistogram {
  private readonly histogram = hdr.build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
  /** Exact sum of recorded microseconds: hdr's own mean walks every bucket (~1 ms per call). */
  private sumUs = 0;

  /** Records a duration given in milliseconds (fractions kept to the microsecond). */
  recordMs(ms: number): void {
    let us = Math.round(ms * 1000);
    if (us < 0) us = 0;
    else if (us > HIGHEST_US) us = HIGHEST_US;
    this.sumUs += us;
    this.histogram.recordValue(us);
  }

  recordMsWithCount(ms: number, count: number): void {
    let us = Math.round(ms * 1000);
    if (us < 0) us = 0;
    else if (us > HIGHEST_US) us = HIGHEST_US;
    this.sumUs += us * count;
    this.histogram.recordValueWithCount(us, count);
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  /** Exact sum of the recorded durations, in microseconds (what Prometheus calls _sum). */
  get sumMicros(): number {
    return this.sumUs;
  }

  /** Largest recorded duration in microseconds (0 when empty). */
  get maxMicros(): number {
    return this.histogram.totalCount === 0 ? 0 : this.histogram.maxValue;
  }

  /**
   * How many recorded durations are at most each bound (microseconds, ascending): cumulative
   * bucket counts. HDR keeps values to 3 significant digits: a value exactly on a bound counts
   * at or below it, one less than 0.1 % above it may too.
   */
  countsAtOrBelow(boundsMicros: readonly number[]): number[] {
    const counts = new Array<number>(boundsMicros.length).fill(0);
    if (this.histogram.totalCount === 0) return counts;
    // One pass over the counts array up to the max (hdr's value iterators cost ~25× more).
    const h = this.histogram as JsHistogram;
    const top = h.countsArrayIndex(h.maxValue);
    let seen = 0;
    let b = 0;
    for (let i = 0; i <= top; i++) {
      const count = h.getCountAtIndex(i);
      if (count === 0) continue;
      const lowest = h.valueFromIndex(i);
      while (b < boundsMicros.length && lowest > (boundsMicros[b] ?? Infinity)) counts[b++] = seen;
      seen += count;
    }
    while (b < boundsMicros.length) counts[b++] = seen;
    return counts;
  }

  /** HdrHistogram's compressed base64 form (interval logs, and instances sharing histograms). */
  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.histogram);
  }

  /** The histogram `encode` wrote; sumMicros travels apart since HDR's encoding does not hold it. */
  static decode(base64: string, sumMicros: number): LatencyHistogram {
    const decoded = hdr.decodeFromCompressedBase64(base64, 32, false);
    const out = new LatencyHistogram();
    out.histogram.add(decoded);
    out.sumUs = sumMicros;
    return out;
  }

  add(other: LatencyHistogram): void {
    this.histogram.add(other.histogram);
    this.sumUs += other.sumUs;
  }

  /** Adds this histogram into `target` (how readers merge closed ones they may not change). */
  addInto(target: LatencyHistogram): void {
    target.add(this);
  }

  reset(): void {
    this.histogram.reset();
    this.sumUs = 0;
  }

  stats(): LatencyStats {
    const h = this.histogram;
    if (h.totalCount === 0) return EMPTY_STATS;
    // Each percentile is a walk over the buckets: take every one once, then pick from them. HDR
    // answers with the top of a bucket, which can lie above the largest value actually recorded.
    const max = toMs(h.maxValue);
    const distribution = PERCENTILES.map((p) =>
      Object.freeze([p, Math.min(max, toMs(h.getValueAtPercentile(p)))] as const),
    );
    const at = (p: number): number => distribution.find(([q]) => q === p)?.[1] ?? 0;
    return Object.freeze({
      count: h.totalCount,
      p50: at(50),
      p90: at(90),
      p99: at(99),
      p999: at(99.9),
      p9999: at(99.99),
      max,
      mean: toMs(this.sumUs / h.totalCount),
      distribution: Object.freeze(distribution),
    });
  }
}
