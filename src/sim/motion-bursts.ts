/**
 * Motion bursts of a camera fleet. Each poll of a camera (one device event) returns how many
 * motion events it reports: about 1 / motionShare per poll during a burst of ~burstPolls polls,
 * none between bursts. A camera keeps a credit of events sent beyond its polls and stays quiet
 * until the credit is spent, then the next burst starts. So over a run it sends one event per
 * poll on average (the target rate holds) and never fewer events than it was polled for (a run
 * with --count N sends at least N); bursts and gaps vary in length with the seed.
 */
import type { Random } from "./random.ts";

/** A burst's events per poll never exceed this (keeps one poll's records bounded). */
const MAX_PER_POLL = 1000;

export class MotionBursts {
  /** Polls left in the current burst. */
  private readonly remaining: Uint16Array;
  /** Events sent beyond one per poll, to be paid back by quiet polls. */
  private readonly credit: Int32Array;
  private readonly perPoll: number;

  constructor(
    devices: number,
    motionShare: number,
    private readonly burstPolls: number,
  ) {
    this.remaining = new Uint16Array(devices);
    this.credit = new Int32Array(devices);
    this.perPoll = Math.min(MAX_PER_POLL, 1 / motionShare);
  }

  /** Events device d reports at this poll (0 or more). */
  poll(d: number, random: Random): number {
    let remaining = this.remaining[d] ?? 0;
    let credit = this.credit[d] ?? 0;
    if (remaining === 0 && credit <= 0) {
      // Exponential length with the configured mean, at least one poll.
      remaining = Math.min(0xffff, 1 + Math.floor(-Math.log(1 - random.next()) * (this.burstPolls - 0.5)));
    }
    let events = 0;
    if (remaining > 0) {
      remaining--;
      // Uniform around perPoll (0.5× to 1.5×), at least one.
      events = Math.max(1, Math.round(this.perPoll * (0.5 + random.next())));
      credit += events - 1;
    } else {
      credit -= 1;
    }
    this.remaining[d] = remaining;
    this.credit[d] = credit;
    return events;
  }
}
