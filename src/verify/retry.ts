/**
 * Verify's patience with a cluster in motion: broker errors that Kafka calls retriable (no group
 * coordinator yet on a fresh broker, a leader moving, a broker restarting, a connection dropped)
 * are retried with backoff until the deadline; anything else, or the deadline, ends it with a
 * message that says verify gave up (no verdict), never a finding.
 */
import { classifyError } from "../kafka/classify-error.ts";
import { VerifyFailure } from "./connect.ts";

/** Broker error names worth waiting out (kafkajs marks most of them `retriable` too). */
const TRANSIENT =
  /COORDINATOR|LEADER|NOT_AVAILABLE|NOT_ENOUGH_REPLICAS|REBALANCE|CONNECTION|TIMED_OUT|TIMEOUT|BROKER_NOT_FOUND|NO_BROKER|METADATA_NOT_LOADED|UNKNOWN_TOPIC_OR_PARTITION|NETWORK_EXCEPTION|KAFKA_STORAGE_ERROR|FENCED_LEADER_EPOCH|UNKNOWN_LEADER_EPOCH/;

export function isTransient(error: unknown): boolean {
  if (error instanceof VerifyFailure) return false;
  if ((error as { retriable?: unknown } | undefined)?.retriable === true) return true;
  const { code, message } = classifyError(error);
  if (code === "SASL_AUTHENTICATION_FAILED") return false;
  return (
    TRANSIENT.test(code) ||
    /coordinator|leader|not available|ECONNREFUSED|ECONNRESET|Connection (error|closed|timeout)|timed out/i.test(
      message,
    )
  );
}

export interface Patience {
  /** Epoch ms after which verify gives up. */
  deadlineMs: number;
  timeoutMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Told about each retry (what failed, how long until the next try). */
  onRetry?: (what: string, message: string, delayMs: number) => void;
}

export function patience(timeoutMs: number, now: () => number = Date.now, sleep = defaultSleep): Patience {
  return { deadlineMs: now() + timeoutMs, timeoutMs, now, sleep };
}

/** Runs `step` until it succeeds, a non-transient error, or the deadline (then gives up clearly). */
export async function withPatience<T>(what: string, p: Patience, step: (attempt: number) => Promise<T>): Promise<T> {
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step(attempt);
    } catch (error) {
      if (!isTransient(error)) throw error;
      const { code, message } = classifyError(error);
      if (p.now() + delay >= p.deadlineMs) {
        throw new VerifyFailure(
          `gave up ${what} after ${attempt} attempt${attempt > 1 ? "s" : ""} over ${p.timeoutMs / 1000} s: the cluster kept answering ` +
            `${code} (${message}); no verdict: nothing was judged lost (retry later or raise --timeout)`,
        );
      }
      p.onRetry?.(what, `${code} (${message})`, delay);
      await p.sleep(delay);
      delay = Math.min(delay * 2, 5000);
    }
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
