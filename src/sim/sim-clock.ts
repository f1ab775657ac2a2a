/**
 * Simulated time for slow behaviours (day/night cycles, battery drain, freezer defrosts), so
 * --time-scale N can show a day in 24/N hours without touching the event timestamps.
 *
 * Relative to the run start: the first event's time is the origin, and simulated time runs
 * timeScale× faster from there: sim = origin + (nowMs - origin) × timeScale. At 1 it is the
 * event time itself (the cycle follows the real UTC clock); at 1440 a run that starts at 14:00
 * UTC sees its afternoon, then night one minute later. Pure: it only reads the nowMs it is given.
 */
import { dayPhase } from "./iso-time.ts";

const HOUR_MS = 3_600_000;

export class SimClock {
  private originMs = NaN;
  private phaseSecond = NaN;
  private phase = 0;

  constructor(readonly timeScale = 1) {
    if (!(timeScale > 0) || !Number.isFinite(timeScale))
      throw new RangeError(`time scale must be positive, got ${timeScale}`);
  }

  /** Simulated epoch ms of an event at nowMs. The first call fixes the origin. */
  simMs(nowMs: number): number {
    if (Number.isNaN(this.originMs)) this.originMs = nowMs;
    return this.originMs + (nowMs - this.originMs) * this.timeScale;
  }

  /** Simulated hours since the first event (negative for events shifted before it). */
  hours(nowMs: number): number {
    return (this.simMs(nowMs) - this.originMs) / HOUR_MS;
  }

  /**
   * Day/night phase in [-1, 1] at the simulated time: -1 at 03:00, +1 at 15:00 (UTC). One sine
   * per simulated second: events within it share the value.
   */
  dayPhase(nowMs: number): number {
    const sim = this.simMs(nowMs);
    const second = Math.floor(sim / 1000);
    if (second !== this.phaseSecond) {
      this.phaseSecond = second;
      this.phase = dayPhase(sim);
    }
    return this.phase;
  }
}
