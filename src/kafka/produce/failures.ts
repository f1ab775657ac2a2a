/**
 * The failures surge's producer reports itself: given up after retries, records that waited out
 * their deadline, or a topic it cannot write.
 */
import { errorOfCode } from "./kafkajs-internals.ts";

export interface Failure {
  code: string;
  message: string;
}

/** A batch given up: the last error's code, and why surge stopped retrying. */
export function gaveUp(last: Failure, attempts: number, maxAttempts: number, deliveryTimeoutMs: number): Failure {
  const why = attempts >= maxAttempts
    ? `not acknowledged after ${attempts} tries (--retries)`
    : `not acknowledged within --delivery-timeout ${Math.round(deliveryTimeoutMs / 1000)}s`;
  return { code: last.code || "DELIVERY_TIMEOUT", message: `${why}; last error: ${last.message || "none"}` };
}

/** The metadata's error for a whole topic (0 or no partitions: it does not exist). */
export function topicFailure(topic: string, errorCode: number): Failure {
  const type = errorCode !== 0 ? errorOfCode(errorCode).type : "UNKNOWN_TOPIC_OR_PARTITION";
  const why = type === "UNKNOWN_TOPIC_OR_PARTITION"
    ? `topic ${topic} does not exist on the cluster (deleted during the run, or a broker that came back without its data?)`
    : `topic ${topic} cannot be written: ${errorOfCode(errorCode).message}`;
  return { code: type, message: why };
}

/**
 * Why records waited past their delivery deadline without a batch in flight: no leader known, or
 * a leader the metadata names that surge could not get them to (a network cut from this client
 * is not a cluster without a leader). `leaderState` is what surge saw of that broker.
 */
export function waitedOut(topic: string, partition: number, leader: number, leaderState: string | undefined, metadataFailure: string): Failure {
  if (leader < 0) return { code: "LEADER_NOT_AVAILABLE", message: `no leader known for ${topic}-${partition}: ${metadataFailure || "none elected"}` };
  const seen = leaderState && leaderState !== "up" ? ` (${leaderState})` : "";
  return { code: "LEADER_UNREACHABLE", message: `leader ${leader} of ${topic}-${partition} unreachable from here${seen}` };
}
