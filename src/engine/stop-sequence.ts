/**
 * The end of a run, after generation stopped: flush what is batched and wait for acks (bounded),
 * count what stays unanswered as unsent, write the run end to the ground truth and give it what is
 * left of the flush time, close the last interval and the sink (a frozen broker is not waited for).
 */
import type { TopicTotals } from "../truth/records.ts";
import type { Clock } from "./clock.ts";
import { sleep } from "./clock.ts";
import type { ErrorLog } from "./error-log.ts";
import type { IntervalRecorder } from "./interval-recorder.ts";
import type { Pipeline } from "./pipeline.ts";
import type { ProduceSink } from "./sink.ts";
import type { TopicLedger } from "./topic-ledger.ts";
import type { TruthLog } from "./truth-log.ts";

/** How long the stop waits for the ground truth's last records (run end) to be acked. */
const TRUTH_DRAIN_MS = 10_000;
/** How long closing the sink may take (a frozen broker never answers the goodbye). */
const CLOSE_TIMEOUT_MS = 5000;

export interface StopDeps {
  clock: Clock;
  flushTimeoutMs: number;
  pipeline: Pipeline;
  ledgers: readonly TopicLedger[];
  truth: TruthLog;
  errors: ErrorLog;
  intervals: IntervalRecorder;
  sink: ProduceSink;
  /** The run had started (else there is no run end to record). */
  started: boolean;
  /** Right before the run end is written (the last acked offsets go first). */
  beforeRunEnd?: () => void;
  /** After the run end, before the last interval closes (--e2e reads back what was acked). */
  beforeClose?: () => Promise<void>;
}

export async function stopSequence(d: StopDeps): Promise<void> {
  const deadline = d.clock.now() + d.flushTimeoutMs;
  await d.pipeline.flushAll(deadline);
  for (const l of d.ledgers) if (l.inFlight > 0) l.recordUnsent(l.inFlight);
  d.pipeline.seal();
  if (d.started) {
    d.beforeRunEnd?.();
    d.truth.runEnd({
      endedMs: d.clock.now(),
      topics: d.ledgers.map((l): TopicTotals => ({
        name: l.name,
        generated: l.generated,
        acked: l.acked,
        failed: l.failed,
        unsent: l.unsent,
        dropped: l.dropped,
        duplicated: l.duplicated,
      })),
    });
    // The run end gets what is left of the flush timeout (at least a second, at most 10 s).
    const truthMs = Math.min(TRUTH_DRAIN_MS, Math.max(1000, deadline - d.clock.now()));
    const drained = await Promise.race([d.truth.drained().then(() => true), sleep(truthMs).then(() => false)]);
    if (!drained) {
      d.errors.record(
        d.truth.topic,
        "TIMEOUT",
        "ground truth: the run-end record was not acked in time",
        1,
        d.clock.now(),
      );
    }
  }
  await d.beforeClose?.();
  d.intervals.stop();
  await Promise.race([d.sink.close().catch(() => undefined), sleep(CLOSE_TIMEOUT_MS)]);
}
