/**
 * Hands records to the sink per topic and counts their fate in the ledgers. A sink that batches
 * per partition itself (Kafka) gets them as they are made, at most HANDOVER_BYTES at a time, every
 * run-loop turn; others (dry run) get batches of --batch-size / --linger-ms with at most
 * `maxInFlight` sends outstanding. Back-pressure: when a handover is full and the sink has no
 * room, `hasCapacity()` turns false and the run loop stops generating until acks make room.
 */
import type { ErrorLog } from "./error-log.ts";
import type { DeliveryFailure, OutRecord, PartialFailure, PartReporter, ProduceSink } from "./sink.ts";
import { toDeliveryFailure } from "./sink.ts";
import { sleep, type Clock } from "./clock.ts";
import { valueBytesOf } from "../common/record.ts";
import type { TopicLedger } from "./topic-ledger.ts";

interface Batch {
  records: OutRecord[];
  /** How many records went out (the records themselves are let go once a batching sink has them). */
  count: number;
  enqueuedMs: Float64Array;
  bytes: number;
  firstMs: number;
}

export interface PipelineOptions {
  batchSize: number;
  lingerMs: number;
  maxInFlight: number;
}

/** Records handed to a batching sink at once: bounds the work of one send, not the batch size. */
const HANDOVER_BYTES = 64 * 1024;

const newBatch = (capacity: number): Batch => ({
  records: [],
  count: 0,
  enqueuedMs: new Float64Array(capacity),
  bytes: 0,
  firstMs: NaN,
});

export class Pipeline {
  private readonly open: Batch[];
  private inFlight = 0;
  private readonly pending = new Set<Promise<void>>();
  /** Called whenever a send settles (a slot is free again). */
  onSettled: () => void = () => {};
  /** Set once what is still in flight was declared unsent: answers after that change nothing. */
  private sealed = false;
  /**
   * Per topic: no request has settled yet. kafkajs's first send to a topic waits for its metadata
   * and later sends overtook it (seen: a device's first records landing after its later ones), so
   * a topic gets one request at a time until its first answer.
   */
  private readonly warming: boolean[];
  private readonly topicInFlight: Int32Array;
  /** When records go to the sink: the user's batching, or a batching sink's handover. */
  private readonly sendAt: { batchSize: number; lingerMs: number };

  constructor(
    private readonly sink: ProduceSink,
    private readonly ledgers: readonly TopicLedger[],
    private readonly errors: ErrorLog,
    private readonly clock: Clock,
    private readonly options: PipelineOptions,
  ) {
    this.open = ledgers.map(() => newBatch(256));
    // A batching sink keeps each topic's sends in order itself.
    this.warming = ledgers.map(() => !sink.batches);
    this.topicInFlight = new Int32Array(ledgers.length);
    this.sendAt = sink.batches ? { batchSize: Math.min(options.batchSize, HANDOVER_BYTES), lingerMs: 0 } : options;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Adds one record for topic `topicIndex`; the ledger counts it as generated. */
  add(topicIndex: number, record: OutRecord, nowMs: number): void {
    const ledger = this.ledgers[topicIndex];
    const batch = this.open[topicIndex];
    if (!ledger || !batch) throw new Error(`no topic at index ${topicIndex}`);
    if (batch.records.length === batch.enqueuedMs.length) {
      const grown = new Float64Array(batch.enqueuedMs.length * 2);
      grown.set(batch.enqueuedMs);
      batch.enqueuedMs = grown;
    }
    if (batch.records.length === 0) batch.firstMs = nowMs;
    batch.enqueuedMs[batch.records.length] = nowMs;
    batch.records.push(record);
    batch.bytes += valueBytesOf(record) + record.key.length;
    ledger.generated++;
    if (batch.bytes >= this.sendAt.batchSize) this.trySend(topicIndex);
  }

  /** False while a full batch waits for a free request slot. */
  hasCapacity(): boolean {
    for (let i = 0; i < this.open.length; i++) {
      if ((this.open[i]?.bytes ?? 0) >= this.sendAt.batchSize && !this.canSend(i)) return false;
    }
    return true;
  }

  private canSend(topicIndex: number): boolean {
    const room = this.sink.accepts
      ? this.sink.accepts(this.options.maxInFlight * this.options.batchSize)
      : this.inFlight < this.options.maxInFlight;
    if (!room) return false;
    return !(this.warming[topicIndex] && (this.topicInFlight[topicIndex] ?? 0) > 0);
  }

  /** Sends every batch that is full or has lingered long enough, as slots allow. */
  flushDue(nowMs: number, force = false): void {
    for (let i = 0; i < this.open.length; i++) {
      const batch = this.open[i];
      if (!batch || batch.records.length === 0) continue;
      if (force || batch.bytes >= this.sendAt.batchSize || nowMs - batch.firstMs >= this.sendAt.lingerMs) {
        this.trySend(i);
      }
    }
  }

  /** Earliest time a lingering batch must go out; Infinity when none is open. */
  nextDeadlineMs(): number {
    let next = Infinity;
    for (const batch of this.open) {
      if (batch.records.length > 0) next = Math.min(next, batch.firstMs + this.sendAt.lingerMs);
    }
    return next;
  }

  get hasOpenRecords(): boolean {
    return this.open.some((b) => b.records.length > 0);
  }

  /**
   * Sends what is still batched as request slots free up, then waits for the last acks, all until
   * `deadlineMs`. What never went out is declared unsent; what went out and was never answered
   * stays in flight for the caller to account for.
   */
  async flushAll(deadlineMs: number): Promise<void> {
    this.sink.flush?.();
    while (this.hasOpenRecords && this.clock.now() < deadlineMs) {
      this.flushDue(this.clock.now(), true);
      // The sink may make room without a send settling (a stuck partition set aside): look again soon.
      if (this.hasOpenRecords) await this.nextSettle(Math.min(deadlineMs, this.clock.now() + 100));
    }
    this.abandonOpen();
    const drained = (async () => {
      while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    })();
    await Promise.race([drained, sleep(Math.max(0, deadlineMs - this.clock.now()))]);
  }

  /**
   * The caller has declared everything still in flight unsent; a late answer must not count those
   * records a second time (acked or failed on top of unsent).
   */
  seal(): void {
    this.sealed = true;
  }

  private nextSettle(deadlineMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, deadlineMs - this.clock.now()));
      const previous = this.onSettled;
      this.onSettled = () => {
        clearTimeout(timer);
        this.onSettled = previous;
        previous();
        resolve();
      };
    });
  }

  /** Records still held in open batches are declared unsent (the run ended before they went). */
  private abandonOpen(): void {
    this.open.forEach((batch, i) => {
      if (batch.records.length === 0) return;
      this.ledgers[i]?.recordUnsent(batch.records.length);
      this.open[i] = newBatch(256);
    });
  }

  /** One part of a batch settled (told by the sink as it happens): count it now. */
  private recordPart(ledger: TopicLedger, batch: Batch, indices: readonly number[], failure?: DeliveryFailure): void {
    const now = this.clock.now();
    if (failure) {
      ledger.recordFailed(indices.length);
      this.errors.record(ledger.name, failure.code, failure.message, indices.length, now);
      return;
    }
    const enqueued = new Float64Array(indices.length);
    for (let k = 0; k < indices.length; k++) enqueued[k] = batch.enqueuedMs[indices[k]!] ?? now;
    ledger.recordAcked(now, enqueued, indices.length, Math.round((batch.bytes * indices.length) / batch.count));
  }

  /** The sink's answer for what it did not tell part by part (`told` marks those): failures listed, the rest acked. */
  private recordRest(
    ledger: TopicLedger,
    batch: Batch,
    failures: readonly PartialFailure[],
    told: Uint8Array | undefined,
  ): void {
    const count = batch.count;
    if (!told && failures.length === 0) {
      ledger.recordAcked(this.clock.now(), batch.enqueuedMs, count, batch.bytes);
      return;
    }
    const done = told ?? new Uint8Array(count);
    for (const f of failures) {
      const fresh = f.indices.filter((i) => !done[i]);
      for (const i of fresh) done[i] = 1;
      if (fresh.length > 0) this.recordPart(ledger, batch, fresh, f);
    }
    const acked: number[] = [];
    for (let i = 0; i < count; i++) if (!done[i]) acked.push(i);
    if (acked.length > 0) this.recordPart(ledger, batch, acked);
  }

  private trySend(topicIndex: number): void {
    if (!this.canSend(topicIndex)) return;
    const batch = this.open[topicIndex];
    const ledger = this.ledgers[topicIndex];
    if (!batch || !ledger || batch.records.length === 0) return;
    this.open[topicIndex] = newBatch(Math.max(256, batch.records.length));
    this.inFlight++;
    this.topicInFlight[topicIndex] = (this.topicInFlight[topicIndex] ?? 0) + 1;
    const count = (batch.count = batch.records.length);
    let told: Uint8Array | undefined;
    let toldCount = 0;
    const report: PartReporter = (indices, failure) => {
      told ??= new Uint8Array(count);
      for (const i of indices) told[i] = 1;
      toldCount += indices.length;
      if (!this.sealed) this.recordPart(ledger, batch, indices, failure);
    };
    const sent = this.sink
      .send(ledger.name, batch.records, report)
      .then(
        (failures) => {
          if (this.sealed || toldCount === count) return;
          this.recordRest(ledger, batch, failures ?? [], told);
        },
        (error: unknown) => {
          if (this.sealed) return;
          const failure = toDeliveryFailure(error);
          ledger.recordFailed(count - toldCount);
          this.errors.record(ledger.name, failure.code, failure.message, count - toldCount, this.clock.now());
        },
      )
      .finally(() => {
        this.inFlight--;
        this.topicInFlight[topicIndex] = (this.topicInFlight[topicIndex] ?? 1) - 1;
        this.warming[topicIndex] = false;
        this.pending.delete(sent);
        this.onSettled();
      });
    this.pending.add(sent);
    // A batching sink has encoded them: held here until the answer, records cost the collector
    // more than they did to make.
    if (this.sink.batches) batch.records = [];
  }
}
