/** The failures surge's producer reports itself: given up after retries, or a topic it cannot write. */
import { errorOfCode } from "../protocol/error-codes.ts";

export interface Failure {
  code: string;
  message: string;
}

/** A batch given up: the last error's code, and why surge stopped retrying. */
export function gaveUp(last: Failure, attempts: number, maxAttempts: number, deliveryTimeoutMs: number): Failure {
  const why =
    attempts >= maxAttempts
      ? `not acknowledged after ${attempts} tries (--retries)`
      : `not acknowledged within --delivery-timeout ${Math.round(deliveryTimeoutMs / 1000)}s`;
  return { code: last.code || "DELIVERY_TIMEOUT", message: `${why}; last error: ${last.message || "none"}` };
}

/** The metadata's error for a whole topic (0 or no partitions: it does not exist). */
export function topicFailure(topic: string, errorCode: number): Failure {
  const type = errorCode !== 0 ? errorOfCode(errorCode).type : "UNKNOWN_TOPIC_OR_PARTITION";
  const why =
    type === "UNKNOWN_TOPIC_OR_PARTITION"
      ? `topic ${topic} does not exist on the cluster (deleted during the run, or a broker that came back without its data?)`
      : `topic ${topic} cannot be written: ${errorOfCode(errorCode).message}`;
  return { code: type, message: why };
}

/** Backoff before a batch's next try: 100 ms doubling to 1 s. */
export function backoffMs(attempts: number): number {
  return Math.min(1000, 100 * 2 ** Math.min(Math.max(0, attempts - 1), 4));
}
