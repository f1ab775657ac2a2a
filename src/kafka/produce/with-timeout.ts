/** A promise raced against a deadline: the work goes on, the caller stops waiting for it. */
export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} unanswered after ${ms} ms`);
    this.name = "KafkaJSRequestTimeoutError";
  }
}

export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
