/**
 * What the scheduler aims at: the requested rate (by hand or from a rate profile), capped per
 * device, times the bursts running now. Setting the rate by hand ends the profile for good.
 */
import type { RateProfile } from "../config/types.ts";
import { RateCap } from "./rate-cap.ts";
import { describeProfile, profileRate } from "./rate-profile.ts";

export class RateControl {
  private readonly cap: RateCap;
  /** The target after the per-device cap, before bursts: what rate keys nudge. */
  private capped: number | "max";
  private profile: RateProfile | undefined;

  constructor(
    devices: number,
    maxRatePerDevice: number,
    initial: number | "max",
    profile: RateProfile | undefined,
    /** Fleet-wide burst multiplier right now (1 when none runs). */
    private readonly bursts: () => number,
  ) {
    this.profile = profile;
    this.cap = new RateCap(devices, maxRatePerDevice, initial);
    this.capped = this.cap.apply(profile ? profileRate(profile, 0) : initial);
  }

  /** The last requested target, before the cap (a profile's current rate while it runs). */
  get requested(): number | "max" {
    return this.cap.requested;
  }

  get base(): number | "max" {
    return this.capped;
  }

  /** Set when the cap changed the last request. */
  get capNotice(): string {
    return this.cap.notice;
  }

  get followsProfile(): boolean {
    return this.profile !== undefined;
  }

  /** "" when no profile drives the rate (any more). */
  profileText(): string {
    return this.profile ? describeProfile(this.profile) : "";
  }

  /** The rate for the scheduler: the capped target times the bursts running now. */
  aimed(): number | "max" {
    const m = this.bursts();
    return this.capped === "max" || m === 1 ? this.capped : Math.round(this.capped * m * 10) / 10;
  }

  /** A rate set by hand: the profile stops; returns the capped rate. */
  setByHand(rate: number | "max"): number | "max" {
    this.profile = undefined;
    this.capped = this.cap.apply(rate);
    return this.capped;
  }

  /** Follows the profile to `elapsedMs` into the run; true when the capped target changed. */
  follow(elapsedMs: number): boolean {
    if (!this.profile) return false;
    const wanted = this.cap.apply(profileRate(this.profile, elapsedMs));
    if (wanted === this.capped) return false;
    this.capped = wanted;
    return true;
  }
}
