/**
 * The per-record path from a model to the pipeline: ground-truth headers, lateness, and what the
 * anomalies hitting the current device do to each record (mark, drop, corrupt, copy). The engine
 * says which device event is being built; the model pushes its records through `sink`.
 */
import type { Random } from "../sim/random.ts";
import type { RecordSink } from "../sim/types.ts";
import { touchesTopic } from "./anomaly-board.ts";
import type { EventPlan } from "./anomaly-board.ts";
import type { Pipeline } from "./pipeline.ts";
import type { OutRecord } from "./sink.ts";
import type { SequenceStamper } from "./sequence-stamper.ts";
import type { TopicLedger } from "./topic-ledger.ts";
import type { ReadBackPort } from "./read-back-port.ts";
import { HEADER_AT } from "../truth/headers.ts";
// Measured once when the record is made; the pipeline and the batch writer read it.
import { bytesOfValue } from "../common/record.ts";

/**
 * A topic's format (src/formats/encoder.ts): the model's JSON text → the record's bytes, and the
 * malformed anomaly's corruption of those bytes.
 */
export interface ValueEncoder {
  readonly format: string;
  encode(json: string): Buffer;
  corrupt(json: string, bytes: Buffer, random: Random): Buffer | string;
}

export class RecordWriter {
  private device = 0;
  private plan: EventPlan | undefined;
  /** Lateness of the device event being built; -1 when the rate is "max" (nothing intended). */
  private lateMs = -1;
  private nowMs = 0;
  /** Kind names of the anomalies touching the record being written (reused). */
  private readonly kinds: string[] = [];
  readonly sink: RecordSink;

  constructor(
    private readonly ledgers: readonly TopicLedger[],
    private readonly pipeline: Pipeline,
    private readonly stamper: SequenceStamper,
    /** Seeded stream for the malformed kind's corruption choices. */
    private readonly random: Random,
    /** --e2e / --follow: stamps sampled records with their send and intended times. */
    private readonly readBack?: Pick<ReadBackPort, "stamp">,
    /** Per topic; undefined = the JSON text is the value. */
    private readonly encoders: readonly (ValueEncoder | undefined)[] = [],
  ) {
    this.sink = {
      push: (topicIndex, key, json, headers) => {
        const encoder = this.encoders[topicIndex];
        const value = encoder ? encoder.encode(json) : json;
        const seq = this.stamper.next(this.device, topicIndex);
        if (this.readBack) headers = this.stampTimes(topicIndex, headers);
        if (this.plan) {
          this.pushAffected(topicIndex, key, json, value, headers, seq, this.plan);
          return;
        }
        // Lateness belongs to the device event; every record it writes shares it.
        if (this.lateMs >= 0) this.ledgers[topicIndex]?.recordLateness(this.lateMs);
        // Ground truth as numbers: the batch writer turns them into headers (no object per record).
        // One object shape for every record, model headers or not.
        const record: OutRecord = {
          key,
          value,
          valueBytes: bytesOfValue(value),
          headers,
          runId: this.stamper.runId,
          device: this.device,
          seq,
        };
        this.pipeline.add(topicIndex, record, this.nowMs);
      },
    };
  }

  /** The next records belong to `device`'s event built at `nowMs`; `plan` is undefined when healthy. */
  beginEvent(device: number, nowMs: number, lateMs: number, plan: EventPlan | undefined): void {
    this.device = device;
    this.nowMs = nowMs;
    this.lateMs = lateMs;
    this.plan = plan;
  }

  private stampTimes(
    topicIndex: number,
    headers: Record<string, string> | undefined,
  ): Record<string, string> | undefined {
    const at = this.readBack?.stamp(topicIndex, this.nowMs, this.lateMs > 0 ? this.nowMs - this.lateMs : this.nowMs);
    return at === undefined ? headers : { ...headers, [HEADER_AT]: at };
  }

  private pushAffected(
    topicIndex: number,
    key: string,
    json: string,
    value: string | Buffer,
    headers: Record<string, string> | undefined,
    seq: number,
    plan: EventPlan,
  ): void {
    const ledger = this.ledgers[topicIndex];
    if (!ledger) return;
    const kinds = this.kinds;
    kinds.length = 0;
    let drop = false;
    let copies = 0;
    let out: string | Buffer = value;
    const encoder = this.encoders[topicIndex];
    for (const a of plan.hits) {
      if (!touchesTopic(a, topicIndex)) continue;
      const k = a.kind;
      if (!kinds.includes(k.name)) kinds.push(k.name);
      if (k.drop) drop = true;
      if (k.extraCopies) copies = Math.max(copies, k.extraCopies(a.magnitude));
      if (k.corrupt && out === value)
        out = encoder ? encoder.corrupt(json, value as Buffer, this.random) : k.corrupt(json, this.random);
    }
    if (drop) {
      ledger.dropped++;
      return;
    }
    if (this.lateMs >= 0) ledger.recordLateness(this.lateMs);
    const record = {
      key,
      value: out,
      headers: this.stamper.headers(this.device, seq, kinds.join(","), headers),
      valueBytes: bytesOfValue(out),
    };
    this.pipeline.add(topicIndex, record, this.nowMs);
    for (let i = 0; i < copies; i++) {
      ledger.duplicated++;
      this.pipeline.add(topicIndex, { ...record }, this.nowMs);
    }
  }
}
