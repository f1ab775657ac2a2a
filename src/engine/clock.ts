/** Injected time source: real wall time with sub-millisecond resolution, or a test's fake. */
export interface Clock {
  /** Epoch milliseconds (fractional). */
  now(): number;
}

const origin = performance.timeOrigin;

export const systemClock: Clock = {
  now: () => origin + performance.now(),
};

/** Resolves after `ms`; never keeps the process alive on its own. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref?.());
