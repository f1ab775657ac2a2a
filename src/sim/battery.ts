/**
 * Fleet batteries that drain with simulated time and are swapped for a full one when low.
 *
 * Stateless in time: a device's charge is a sawtooth of the simulated hours since the run
 * started, full - ((offset + hours × drain) mod (full - empty)). So it never rises between
 * swaps, each device starts somewhere in its cycle (offset), and drains at its own pace
 * (drain ±40 % around the mean), with 8 bytes per device and no per-event writes.
 */
import type { Random } from "./random.ts";

export interface BatterySpec {
  /** Charge of a fresh battery (%). */
  full: number;
  /** The battery is replaced when the charge would fall below this (%). */
  empty: number;
  /** Mean simulated hours from full to empty. */
  lifeHours: number;
}

export class FleetBattery {
  private readonly span: number;
  /** Charge already used at the run start (%). */
  private readonly offset: Float32Array;
  /** Charge used per simulated hour (%). */
  private readonly drain: Float32Array;

  constructor(
    devices: number,
    private readonly spec: BatterySpec,
    random: Random,
  ) {
    this.span = spec.full - spec.empty;
    this.offset = new Float32Array(devices);
    this.drain = new Float32Array(devices);
    const perHour = this.span / spec.lifeHours;
    for (let d = 0; d < devices; d++) {
      this.offset[d] = random.next() * this.span;
      this.drain[d] = perHour * (0.6 + 0.8 * random.next());
    }
  }

  /** Charge (%) of device d, `hours` simulated hours after the run started; in (empty, full]. */
  level(d: number, hours: number): number {
    const span = this.span;
    const total = (this.offset[d] ?? 0) + hours * (this.drain[d] ?? 0);
    // floor, not %: fmod costs ~40 ns in JavaScriptCore; floor also wraps events before the start.
    return this.spec.full - (total - Math.floor(total / span) * span);
  }
}
