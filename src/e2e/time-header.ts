/**
 * The `surge-at` header: when a sampled record was handed to the producer and when it was meant to
 * be sent (epoch ms, 3 decimals, "send,intended"), and in a split run (--run-id) which clock
 * stamped them ("send,intended,clock"), so a reader tells other instances' clocks from its own.
 * Only sampled records carry it, so its cost follows --e2e-sample.
 */
export { HEADER_AT } from "../truth/headers.ts";

export function formatAt(sendMs: number, intendedMs: number, clock?: string): string {
  return `${sendMs.toFixed(3)},${intendedMs.toFixed(3)}${clock ? `,${clock}` : ""}`;
}

export interface RecordTimes {
  sendMs: number;
  intendedMs: number;
  /** The stamping process's clock id (split runs only); absent: the run's only process. */
  clock?: string;
}

/** Parses a `surge-at` value; undefined when it is not one. */
export function parseAt(text: string): RecordTimes | undefined {
  const [send = "", intended = "", clock, extra] = text.split(",");
  if (send === "" || intended === "" || clock === "" || extra !== undefined) return undefined;
  const sendMs = Number(send);
  const intendedMs = Number(intended);
  if (!Number.isFinite(sendMs) || !Number.isFinite(intendedMs)) return undefined;
  return clock === undefined ? { sendMs, intendedMs } : { sendMs, intendedMs, clock };
}

/**
 * Picks which records are stamped: a share `sample` of each topic's records, evenly spread (every
 * 100th at 1 %), so the counts of what was sampled are exact and the choice costs one addition.
 */
export class Sampler {
  private readonly owed: Float64Array;

  constructor(
    readonly sample: number,
    topics: number,
  ) {
    this.owed = new Float64Array(topics);
  }

  take(topicIndex: number): boolean {
    if (this.sample >= 1) return true;
    const owed = (this.owed[topicIndex] ?? 0) + this.sample;
    if (owed >= 1 - 1e-9) {
      this.owed[topicIndex] = owed - 1;
      return true;
    }
    this.owed[topicIndex] = owed;
    return false;
  }
}
