/**
 * Decides how many device events are due, against intended send times rather than "sleep after
 * send", so the rate holds without drift and lateness shows when the producer falls behind.
 * Pure: the caller passes the time.
 */
export interface Due {
  /** Events to emit now. */
  count: number;
  /** Intended time of the first of them (epoch ms); NaN when the rate is "max". */
  firstIntendedMs: number;
  /** Gap between consecutive intended times (ms); 0 when the rate is "max". */
  spacingMs: number;
}

export class Scheduler {
  private rate: number | "max";
  private anchorMs: number;
  /** Events accounted for (emitted or skipped) since the anchor. */
  private sinceAnchor = 0;
  private paused = false;
  /** Due events skipped because the backlog exceeded maxBacklogMs of schedule. */
  skipped = 0;

  constructor(
    rate: number | "max",
    startMs: number,
    private readonly maxBacklogMs = 1000,
  ) {
    this.rate = rate;
    this.anchorMs = startMs;
  }

  get currentRate(): number | "max" {
    return this.rate;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Changes the rate from `nowMs` on; what was due before stays due. */
  setRate(rate: number | "max", nowMs: number): void {
    this.reanchor(nowMs);
    this.rate = rate;
  }

  pause(nowMs: number): void {
    if (this.paused) return;
    this.reanchor(nowMs);
    this.paused = true;
  }

  /** Time spent paused is not owed: the schedule restarts from `nowMs`. */
  resume(nowMs: number): void {
    if (!this.paused) return;
    this.paused = false;
    this.anchorMs = nowMs;
    this.sinceAnchor = 0;
  }

  /**
   * Events due at `nowMs` and intended before `endMs`, at most `limit`; skips (and counts) what
   * lies beyond the backlog. "max" has nothing intended: it is due until `endMs` only.
   */
  due(nowMs: number, limit: number, endMs = Infinity): Due {
    if (this.paused || limit <= 0) return { count: 0, firstIntendedMs: NaN, spacingMs: 0 };
    if (this.rate === "max") return { count: nowMs < endMs ? limit : 0, firstIntendedMs: NaN, spacingMs: 0 };
    if (this.rate <= 0) return { count: 0, firstIntendedMs: NaN, spacingMs: 0 };
    const spacing = 1000 / this.rate;
    // Counted in whole events, never by comparing intended times: above 1M/s the spacing is
    // below a microsecond, finer than an epoch millisecond double can tell apart.
    let owed = Math.min(Math.floor((nowMs - this.anchorMs) / spacing) + 1, this.countBefore(endMs)) - this.sinceAnchor;
    const maxOwed = Math.max(1, Math.ceil(this.maxBacklogMs / spacing));
    if (owed > maxOwed) {
      const skip = owed - maxOwed;
      this.skipped += skip;
      this.sinceAnchor += skip;
      owed = maxOwed;
    }
    if (owed <= 0) return { count: 0, firstIntendedMs: NaN, spacingMs: spacing };
    return {
      count: Math.min(owed, limit),
      firstIntendedMs: this.anchorMs + this.sinceAnchor * spacing,
      spacingMs: spacing,
    };
  }

  /** Marks `count` of the due events as emitted. */
  consume(count: number): void {
    this.sinceAnchor += count;
  }

  /**
   * True when nothing intended before `endMs` is left to emit: always when paused, at rate 0 or
   * "max" (nothing is intended), else when every event before `endMs` was emitted or skipped.
   * Uses the same whole-event count as `due`, so a run can always tell that it is finished.
   */
  doneBefore(endMs: number): boolean {
    if (this.paused || this.rate === "max" || this.rate <= 0) return true;
    return this.sinceAnchor >= this.countBefore(endMs);
  }

  /** Counts what is still owed before `endMs` as skipped (the run ends without it). */
  skipBefore(endMs: number): void {
    if (this.doneBefore(endMs)) return;
    const rest = this.countBefore(endMs) - this.sinceAnchor;
    this.skipped += rest;
    this.sinceAnchor += rest;
  }

  /** Epoch ms at which the next event is due; NaN when paused, Infinity at rate 0. */
  nextDueMs(): number {
    if (this.paused) return NaN;
    if (this.rate === "max") return -Infinity;
    if (this.rate <= 0) return Infinity;
    return this.anchorMs + this.sinceAnchor * (1000 / this.rate);
  }

  /** Events since the anchor whose intended time lies before `endMs`. */
  private countBefore(endMs: number): number {
    if (endMs === Infinity || this.rate === "max" || this.rate <= 0) return Infinity;
    return Math.max(0, Math.ceil((endMs - this.anchorMs) / (1000 / this.rate)));
  }

  private reanchor(nowMs: number): void {
    if (this.rate !== "max" && this.rate > 0 && !this.paused) {
      // Keep the owed backlog: move the anchor to the next intended time.
      const spacing = 1000 / this.rate;
      const next = this.anchorMs + this.sinceAnchor * spacing;
      this.anchorMs = Math.min(next, nowMs);
      this.sinceAnchor = 0;
      return;
    }
    this.anchorMs = nowMs;
    this.sinceAnchor = 0;
  }
}
