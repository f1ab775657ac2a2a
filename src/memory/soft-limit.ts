/**
 * A soft memory limit (like Go's GOMEMLIMIT): above it, surge asks the runtime to collect garbage
 * now instead of when its heap has doubled. It never slows generation or drops a record to stay
 * under, and backs off when a collection cannot bring the process under (live data above it).
 */

/** A collection at most this often while the process stays above the limit... */
const MIN_GAP_MS = 250;
/** ...doubling up to this when collections do not bring it under: collecting must not eat the run. */
const MAX_GAP_MS = 32_000;

export interface SoftLimitParts {
  limitBytes: number;
  /** The process's resident set now. */
  rss(): number;
  /** Ask for a collection; it may finish later. */
  collect(): void;
  now(): number;
}

export class SoftMemoryLimit {
  collections = 0;
  peakRssBytes = 0;
  private gapMs = MIN_GAP_MS;
  private nextMs = 0;
  private lastMs = Number.NEGATIVE_INFINITY;
  /** A collection was asked for and the process has not been under the limit since. */
  private stillAbove = false;

  constructor(private readonly parts: SoftLimitParts) {}

  /** Looks at the RSS once (call it a few times a second). */
  check(): void {
    const rss = this.parts.rss();
    if (rss > this.peakRssBytes) this.peakRssBytes = rss;
    if (rss <= this.parts.limitBytes) {
      this.stillAbove = false;
      this.gapMs = MIN_GAP_MS;
      this.nextMs = this.lastMs + MIN_GAP_MS;
      return;
    }
    const now = this.parts.now();
    if (now < this.nextMs) return;
    if (this.stillAbove) this.gapMs = Math.min(this.gapMs * 2, MAX_GAP_MS);
    this.parts.collect();
    this.collections++;
    this.stillAbove = true;
    this.lastMs = now;
    this.nextMs = now + this.gapMs;
  }
}
