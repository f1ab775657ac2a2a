/**
 * Writes the ground truth of a run (start, every anomaly, end) to the truth topic, in order, one
 * record at a time. A failed write is an error like any other (shown, counted), never silent.
 */
import type { AckedOffsetsRecord, AnomalyRecord, RunEndRecord, RunStartRecord, TruthRecord } from "../truth/records.ts";
import type { ErrorLog } from "./error-log.ts";
import type { RunningAnomaly } from "./anomaly-board.ts";
import type { ProduceSink } from "./sink.ts";
import { sendWhole, toDeliveryFailure } from "./sink.ts";

export class TruthLog {
  private chain: Promise<void> = Promise.resolve();
  written = 0;
  failed = 0;
  /** A restarted instance's life (0: the first start), stamped on every record when > 0. */
  life = 0;

  constructor(
    private readonly sink: ProduceSink,
    /** "" when ground truth is off. */
    readonly topic: string,
    private readonly runId: string,
    private readonly errors: ErrorLog,
    private readonly now: () => number,
    /** This instance's share of a split run ("1/3:2/3"), stamped on every record; absent for a whole run. */
    private readonly segment?: string,
  ) {}

  get enabled(): boolean {
    return this.topic !== "";
  }

  runStart(record: Omit<RunStartRecord, "type" | "run">): void {
    this.write({ type: "run-start", run: this.runId, ...record, startedMs: Math.round(record.startedMs) });
  }

  anomaly(a: RunningAnomaly, topicName: string | undefined, endMs = a.endsMs): void {
    const record: AnomalyRecord = {
      type: "anomaly",
      run: this.runId,
      id: a.id,
      kind: a.kind.name,
      startMs: Math.round(a.startMs),
      endMs: Math.round(endMs),
      devices: { from: a.from, count: a.count },
      magnitude: a.magnitude,
      source: a.source,
      ...(topicName ? { topic: topicName } : {}),
    };
    this.write(record);
  }

  ackedOffsets(record: Omit<AckedOffsetsRecord, "type" | "run">): void {
    this.write({ type: "acked-offsets", run: this.runId, ...record });
  }

  runEnd(record: Omit<RunEndRecord, "type" | "run">): void {
    this.write({ type: "run-end", run: this.runId, ...record, endedMs: Math.round(record.endedMs) });
  }

  /** Resolves once everything queued so far was acked or failed. */
  drained(): Promise<void> {
    return this.chain;
  }

  private write(record: TruthRecord): void {
    if (!this.enabled) return;
    const stamped = this.life > 0 ? { ...record, life: this.life } : record;
    const value = JSON.stringify(this.segment === undefined ? stamped : { ...stamped, segment: this.segment });
    this.chain = this.chain
      .then(() => sendWhole(this.sink, this.topic, [{ key: this.runId, value }]))
      .then(
        () => {
          this.written++;
        },
        (error: unknown) => {
          this.failed++;
          const f = toDeliveryFailure(error);
          this.errors.record(this.topic, f.code, `ground truth not written: ${f.message}`, 1, this.now());
        },
      );
  }
}
