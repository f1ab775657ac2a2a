/**
 * What becomes of a batch whose try failed: sent again, or failed (with the broker's error, or as
 * given up after --retries / --delivery-timeout), and whether the producer id must change.
 */
import type { Failure } from "./failures.ts";
import { gaveUp } from "./failures.ts";

const RESEQUENCE_ERRORS = new Set(["OUT_OF_ORDER_SEQUENCE_NUMBER", "UNKNOWN_PRODUCER_ID"]);
const FENCED = new Set(["INVALID_PRODUCER_EPOCH", "PRODUCER_FENCED"]);

export interface TryFailed {
  failure: Failure;
  retriable: boolean;
  idempotent: boolean;
  /** The batch is its partition's oldest unacked one (no earlier batch can explain a sequence gap). */
  oldest: boolean;
  nowMs: number;
  deadlineMs: number;
  attempts: number;
  maxAttempts: number;
  deliveryTimeoutMs: number;
}

export interface Verdict {
  /** undefined: send it again (after a backoff); else fail it with this. */
  fail: Failure | undefined;
  /** The broker lost our producer state: take a new producer id (sequences from 0 again). */
  newProducerId: boolean;
}

export function judge(t: TryFailed): Verdict {
  let retriable = t.retriable;
  let newProducerId = false;
  if (t.idempotent && RESEQUENCE_ERRORS.has(t.failure.code)) {
    // The broker did not append it. An earlier batch still undecided explains the gap; else the
    // broker lost our producer state.
    newProducerId = t.oldest;
    retriable = true;
  }
  if (FENCED.has(t.failure.code)) retriable = false;
  if (!retriable) return { fail: t.failure, newProducerId };
  if (t.nowMs >= t.deadlineMs || t.attempts >= t.maxAttempts) {
    return { fail: gaveUp(t.failure, t.attempts, t.maxAttempts, t.deliveryTimeoutMs), newProducerId };
  }
  return { fail: undefined, newProducerId };
}
