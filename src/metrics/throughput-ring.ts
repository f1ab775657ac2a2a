/** Per-second counts over the last N seconds: fixed memory, fixed cost per frame. */
export class ThroughputRing {
  private readonly counts: Float64Array;
  private readonly bytes: Float64Array;
  private headSecond = -1;

  constructor(private readonly seconds = 60) {
    this.counts = new Float64Array(seconds);
    this.bytes = new Float64Array(seconds);
  }

  /** Adds `n` records of `size` total bytes at time `nowMs`. */
  add(nowMs: number, n: number, size: number): void {
    const second = Math.floor(nowMs / 1000);
    this.advance(second);
    const slot = second % this.seconds;
    this.counts[slot] = (this.counts[slot] ?? 0) + n;
    this.bytes[slot] = (this.bytes[slot] ?? 0) + size;
  }

  /** Counts per completed second, oldest first, ending with the last full second before nowMs. */
  series(nowMs: number): number[] {
    const current = Math.floor(nowMs / 1000);
    this.advance(current);
    const out: number[] = [];
    for (let s = current - this.seconds + 1; s < current; s++) {
      out.push(s < 0 ? 0 : (this.counts[s % this.seconds] ?? 0));
    }
    return out;
  }

  private advance(second: number): void {
    if (this.headSecond < 0) {
      this.headSecond = second;
      return;
    }
    if (second <= this.headSecond) return;
    const gap = Math.min(second - this.headSecond, this.seconds);
    for (let i = 1; i <= gap; i++) {
      const slot = (this.headSecond + i) % this.seconds;
      this.counts[slot] = 0;
      this.bytes[slot] = 0;
    }
    this.headSecond = second;
  }
}
