/** The rate the user asked for, and the per-device cap (devices × maxRatePerDevice) applied to it. */
export class RateCap {
  /** Last requested target, before the cap. */
  requested: number | "max";
  /** Set when the cap changed a request, for the status line. */
  notice = "";

  constructor(
    private readonly devices: number,
    private readonly perDevice: number,
    initial: number | "max",
  ) {
    this.requested = initial;
  }

  /** Records `rate` as requested and returns what the scheduler may aim at. */
  apply(rate: number | "max"): number | "max" {
    this.requested = rate;
    this.notice = "";
    if (this.perDevice <= 0) return rate;
    const cap = this.perDevice * this.devices;
    if (rate === "max" || rate > cap) {
      this.notice = `rate capped at ${cap}/s: ${this.devices} devices × ${this.perDevice}/s per device`;
      return cap;
    }
    return rate;
  }
}
