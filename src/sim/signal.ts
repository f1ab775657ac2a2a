/**
 * Received signal strength (dBm) of a fleet: a fixed base per device (distance to the gateway),
 * slow fading that wanders around it (AR(1), ~20 samples to forget) and ±3 dB of fast jitter.
 */
import { gauss } from "./gauss.ts";
import type { Random } from "./random.ts";

/** Per-sample persistence of the fading and its stationary standard deviation (dB). */
const FADE_KEEP = 0.95;
const FADE_SD = 4;
const FADE_STEP = FADE_SD * Math.sqrt(1 - FADE_KEEP * FADE_KEEP);
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
    const fade = (this.fade[d] ?? 0) * FADE_KEEP + FADE_STEP * gauss(random);
    this.fade[d] = fade;
    const dbm = Math.round((this.base[d] ?? -60) + fade) + random.int(7) - 3;
    return dbm < SIGNAL_MIN ? SIGNAL_MIN : dbm > SIGNAL_MAX ? SIGNAL_MAX : dbm;
  }

  /** The device's fixed base (dBm), for tests. */
  baseOf(d: number): number {
    return this.base[d] ?? 0;
  }
}
