/** Injected time source: real wall time with sub-millisecond resolution, or a test's fake. */
export interface Clock {
  /** Epoch milliseconds (fractional). */
  now(): number;
}

const origin = performance.timeOrigin;

export const systemClock: Clock = {
  now: () => origin + performance.now(),
};
