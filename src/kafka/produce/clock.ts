/** The producer's time: now and timers, injected so that unit tests drive the sender with a fake clock. */
export interface ProducerClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `fn` after `ms`; the timer never keeps the process alive on its own. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export const systemProducerClock: ProducerClock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref?.();
    return timer;
  },
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/** A promise raced against a deadline on `clock`: the work goes on, the caller stops waiting for it. */
export function within<T>(clock: ProducerClock, work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: unknown;
  const deadline = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(
      () =>
        reject(Object.assign(new Error(`${what} unanswered after ${ms} ms`), { name: "KafkaJSRequestTimeoutError" })),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clock.clearTimeout(timer));
}
