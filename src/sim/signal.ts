/**
 * Received signal strength (dBm) of a fleet: a fixed base per device (distance to the gateway),
 * slow fading that wanders around it (AR(1), ~20 samples to forget) and ±3 dB of fast jitter.
 * One 32-bit draw per reading feeds both: this runs on every industrial event.
 */
import { gauss } from "./gauss.ts";
import type { Random } from "./random.ts";

/** Per-sample persistence of the fading and its stationary standard deviation (dB). */
const FADE_KEEP = 0.95;
const FADE_SD = 4;
/** The fading step is uniform (16 bits of the draw): ±STEP_HALF has the AR(1)'s variance. */
const STEP_HALF = Math.sqrt(3) * FADE_SD * Math.sqrt(1 - FADE_KEEP * FADE_KEEP);
const STEP_SCALE = (2 * STEP_HALF) / 65536;
/** Readings stay in a plausible receiver range. */
export const SIGNAL_MIN = -120;
export const SIGNAL_MAX = -30;

export class FleetSignal {
  private readonly base: Int8Array;
  private readonly fade: Float32Array;

  /** Bases uniform in [strongest, weakest] dBm, e.g. -40 .. -90. */
  constructor(devices: number, random: Random, strongest = -40, weakest = -90) {
    this.base = new Int8Array(devices);
    this.fade = new Float32Array(devices);
    for (let d = 0; d < devices; d++) {
      this.base[d] = Math.round(weakest + (strongest - weakest) * random.next());
      this.fade[d] = FADE_SD * gauss(random);
    }
  }

  /** The next reading of device d (integer dBm). */
  next(d: number, random: Random): number {
    const bits = random.bits();
    const fade = (this.fade[d] ?? 0) * FADE_KEEP + (bits & 0xffff) * STEP_SCALE - STEP_HALF;
    this.fade[d] = fade;
    // The high 16 bits pick the jitter, -3..3 dB.
    const dbm = Math.round((this.base[d] ?? -60) + fade) + (((bits >>> 16) * 7) >>> 16) - 3;
    return dbm < SIGNAL_MIN ? SIGNAL_MIN : dbm > SIGNAL_MAX ? SIGNAL_MAX : dbm;
  }

  /** The device's fixed base (dBm), for tests. */
  baseOf(d: number): number {
    return this.base[d] ?? 0;
  }
}
