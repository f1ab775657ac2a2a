/**
 * surge's partition sender, free of the network and of wall time: it takes a Transport and a
 * ProducerClock, so unit tests drive it with a scripted broker and a fake clock.
 *
 * Records are split per partition and batched once, there (--batch-size, --linger-ms). Each
 * broker gets requests carrying every ready partition it leads. A partition has one batch in
 * flight, or with --idempotent up to 5 after an OK answer; a failed batch is sent again whole
 * (same sequence), before anything after it, until --delivery-timeout or --retries. A request
 * unanswered for --request-timeout closes its connection before its batches are retried or failed.
 * (Over 300 lines: placement, the pump and the answers share one state; the timers are in
 * watchdog.ts, the retry decisions in retry-policy.ts, the request's shape in request-of.ts.)
 */
import type { BrokerHealth } from "./broker-health.ts";
import type { ProducerClock } from "./clock.ts";
import type { Failure } from "./failures.ts";
import { backoffMs, gaveUp, topicFailure } from "./failures.ts";
import type { Batch, Chunk, PartialFailure, PartReporter } from "./lane.ts";
import { Lane, settleChunks } from "./lane.ts";
import { LeaderMap } from "./leader-map.ts";
import type { TopicLayout } from "./leader-map.ts";
import type { SenderOptions } from "./sender-options.ts";
import { BUFFER_MAX_BYTES, MAX_BATCH_BYTES, MAX_IN_FLIGHT, MAX_REQUEST_BYTES } from "./sender-options.ts";
import { ProducerIdentity } from "./producer-identity.ts";
import type { Transport } from "./transport.ts";
import { Watchdog } from "./watchdog.ts";
import type { Attempt, InFlightRequest, SenderCore, Waiting } from "./in-flight.ts";
import { judge } from "./retry-policy.ts";
import { produceRequestOf } from "./request-of.ts";
import type { PartitionAnswer } from "../protocol/produce.ts";
import type { ProduceRecord } from "../../common/record.ts";
import { chunksOf } from "./chunks.ts";
import { SlabPool, type SlabPart } from "../protocol/slab-pool.ts";

export type { Partitioner, SenderOptions } from "./sender-options.ts";
export { BUFFER_MAX_BYTES, MAX_IN_FLIGHT } from "./sender-options.ts";
export type { Attempt, InFlightRequest } from "./in-flight.ts";
import { errorOfCode } from "../protocol/error-codes.ts";
import { classifyError, isRetriable } from "../classify-error.ts";

/** An acked batch: its partition, the offset of its first record and how many records it held. */
export type AckedOffsetsListener = (topic: string, partition: number, baseOffset: number, count: number) => void;

export class Sender implements SenderCore {
  readonly leaders = new LeaderMap();
  readonly identity: ProducerIdentity | undefined;
  readonly lanes = new Map<string, Lane[]>();
  /** Lanes with records or batches not acked, in the order they are served (used ones go last). */
  readonly ready = new Set<Lane>();
  readonly requests = new Set<InFlightRequest>();
  /** Sends for topics whose partitions are not known yet, in order. */
  readonly waiting = new Map<string, Waiting[]>();
  /** Bytes of records handed over and not yet acked or failed. */
  buffered = 0;
  /** Of those, bytes in partitions that are stuck (no leader, failed once, or unanswered for a while). */
  stuck = 0;
  refreshWanted = true;
  closed = false;
  /**
   * Told of every batch the broker acked, with the offset it got: the run's ground truth keeps the
   * first and last per partition so verify can tell records retention deleted from lost ones.
   */
  onAcked: AckedOffsetsListener | undefined;
  private readonly watchdog: Watchdog;
  private pumpQueued = false;
  /** Memory for the records handed over, used again once they are settled. */
  private readonly slabs = new SlabPool();
  private readonly takeSlab = (size: number): SlabPart => this.slabs.take(size);
  private flushing = false;
  /** The caller was refused room (accepts): open records are due at once. */
  private full = false;
  private lingerTimer: unknown;
  private lingerAt = Infinity;

  constructor(
    readonly transport: Transport,
    readonly clock: ProducerClock,
    readonly health: BrokerHealth,
    readonly o: SenderOptions,
  ) {
    if (o.idempotent) this.identity = new ProducerIdentity(clock, o.metadataTimeoutMs);
    this.watchdog = new Watchdog(this);
  }

  /** Resolves once every record is acked or failed; the failures name the records by position. */
  send(topic: string, records: ProduceRecord[], report?: PartReporter): Promise<PartialFailure[]> {
    return new Promise((resolve) => {
      const now = this.clock.now();
      const w: Waiting = { records, resolve, deadlineMs: now + this.o.deliveryTimeoutMs, addedMs: now, report };
      const layout = this.leaders.layout(topic);
      const queue = this.waiting.get(topic);
      if (layout && !queue) return this.place(topic, layout, w);
      if (queue) queue.push(w);
      else this.waiting.set(topic, [w]);
      this.refreshWanted = true;
      this.watchdog.check();
    });
  }

  /**
   * Room for another send: records of partitions that flow stay under `flowingBytes`, and all
   * records held under BUFFER_MAX_BYTES; a stuck partition does not hold up the others.
   */
  accepts(flowingBytes: number): boolean {
    const room = this.buffered - this.stuck < flowingBytes && this.buffered < BUFFER_MAX_BYTES;
    // A full buffer means no more records are coming until some are acked: lingering would only
    // idle the broker, so batches go out now (the Java client's accumulator does the same).
    if (!room && !this.full) {
      this.full = true;
      this.schedulePump();
    } else if (room) this.full = false;
    return room;
  }

  /** Linger no longer waits: everything handed over goes out as soon as it can (the run is ending). */
  flush(): void {
    this.flushing = true;
    this.schedulePump();
  }

  /** Reads the leaders of `topics` now (the sink waits for new topics' leaders before a run). */
  refresh(topics: readonly string[]): Promise<void> {
    return this.watchdog.refresh(topics);
  }

  close(): void {
    this.closed = true;
    this.watchdog.stop();
    if (this.lingerTimer !== undefined) this.clock.clearTimeout(this.lingerTimer);
  }

  place(topic: string, layout: TopicLayout, w: Waiting): void {
    const count = layout.partitionMetadata.length;
    if (layout.errorCode !== 0 || count === 0) {
      const failure = topicFailure(topic, layout.errorCode);
      return w.resolve([{ ...failure, indices: w.records.map((_, i) => i) }]);
    }
    const op = {
      remaining: w.records.length,
      failures: [] as PartialFailure[],
      resolve: w.resolve,
      ...(w.report ? { report: w.report } : {}),
    };
    if (w.records.length === 0) w.resolve([]);
    const lanes = this.lanesOf(topic, count);
    const chunks = chunksOf(w, op, (key) => this.o.partitioner(key, count), this.takeSlab);
    chunks.forEach((chunk, p) => {
      if (!chunk) return;
      const lane = lanes[p]!;
      lane.open.push(chunk);
      lane.openBytes += chunk.bytes;
      this.buffered += chunk.bytes;
      this.ready.add(lane);
    });
    this.schedulePump();
  }

  private lanesOf(topic: string, count: number): Lane[] {
    let lanes = this.lanes.get(topic);
    if (!lanes) this.lanes.set(topic, (lanes = []));
    for (let p = lanes.length; p < count; p++) lanes.push(new Lane(topic, p));
    return lanes;
  }

  schedulePump(): void {
    if (this.pumpQueued || this.closed) return;
    this.pumpQueued = true;
    queueMicrotask(() => this.pump());
  }

  /** Open records are due once they fill a batch, lingered enough, or the run is flushing. */
  private dueAt(lane: Lane): number {
    const first = lane.open[0];
    if (!first) return Infinity;
    if (this.flushing || this.full || lane.openBytes >= this.o.batchBytes) return 0;
    return first.addedMs + this.o.lingerMs;
  }

  /** Builds one request per broker from every partition that can send now. */
  private pump(): void {
    this.pumpQueued = false;
    if (this.closed) return;
    const now = this.clock.now();
    const current = this.identity?.identity;
    if (this.identity && !current)
      this.identity.ensure(
        this.transport,
        (id) => this.health.isUp(id),
        () => this.schedulePump(),
      );
    const perNode = new Map<number, { attempts: Attempt[]; bytes: number }>();
    const requestsTo = this.requestsPerNode();
    let nextDue = Infinity;
    const served: Lane[] = [];
    for (const lane of this.ready) {
      if (lane.retryAtMs > now) continue;
      if (lane.recovering && lane.inFlight > 0) continue;
      const leader = this.leaders.leaderOf(lane.topic, lane.partition);
      if (leader < 0) {
        this.refreshWanted = true;
        continue;
      }
      if ((requestsTo.get(leader) ?? 0) >= MAX_IN_FLIGHT) continue;
      if (this.identity) {
        if (!current) continue;
        if (lane.generation !== current.generation) {
          if (lane.inFlight > 0) continue;
          lane.resequence(current.generation);
        }
      }
      const cap = this.identity && lane.okSeen && !lane.recovering ? MAX_IN_FLIGHT : 1;
      if (lane.inFlight >= cap) continue;
      let batch = lane.nextFormed();
      if (!batch) {
        const due = this.dueAt(lane);
        if (due > now) {
          nextDue = Math.min(nextDue, due);
          continue;
        }
        // A backlog makes bigger batches, within what a broker takes by default (message.max.bytes 1 MiB).
        const limit = Math.min(Math.max(this.o.batchBytes, this.o.maxBatchBytes), MAX_BATCH_BYTES);
        batch = lane.form(limit, now, current?.generation ?? 0, this.identity !== undefined);
      }
      let group = perNode.get(leader);
      if (!group) perNode.set(leader, (group = { attempts: [], bytes: 0 }));
      if (group.attempts.length > 0 && group.bytes + batch.bytes > MAX_REQUEST_BYTES) continue;
      group.bytes += batch.bytes;
      batch.inFlight = true;
      batch.attempts++;
      lane.inFlight++;
      group.attempts.push({ lane, batch, detached: false });
      served.push(lane);
    }
    // Served lanes go to the back, so big batches of some partitions do not starve the others.
    for (const lane of served) {
      this.ready.delete(lane);
      this.ready.add(lane);
    }
    for (const [nodeId, group] of perNode) if (group.attempts.length > 0) this.dispatch(nodeId, group.attempts, now);
    this.armLinger(nextDue);
  }

  private requestsPerNode(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const r of this.requests) counts.set(r.nodeId, (counts.get(r.nodeId) ?? 0) + 1);
    return counts;
  }

  private armLinger(at: number): void {
    if (at === Infinity || at >= this.lingerAt) return;
    if (this.lingerTimer !== undefined) this.clock.clearTimeout(this.lingerTimer);
    this.lingerAt = at;
    this.lingerTimer = this.clock.setTimeout(
      () => {
        this.lingerTimer = undefined;
        this.lingerAt = Infinity;
        this.schedulePump();
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  private dispatch(nodeId: number, attempts: Attempt[], now: number): void {
    const request: InFlightRequest = { nodeId, attempts, sentMs: now, done: false };
    this.requests.add(request);
    const produce = produceRequestOf(attempts, this.identity?.identity, this.o);
    this.transport.produce(nodeId, produce).then(
      (answers) => this.answered(request, answers),
      (error: unknown) => this.requestFailed(request, error),
    );
  }

  private finish(request: InFlightRequest): boolean {
    if (request.done) return false;
    request.done = true;
    this.requests.delete(request);
    return true;
  }

  private answered(request: InFlightRequest, answers: readonly PartitionAnswer[]): void {
    if (!this.finish(request)) return;
    this.health.ok(request.nodeId, this.transport.addressOf(request.nodeId), this.clock.now());
    const codes = new Map<string, number>();
    const offsets = new Map<string, bigint>();
    for (const a of answers) {
      codes.set(`${a.topic}\u0000${a.partition}`, a.errorCode);
      offsets.set(`${a.topic}\u0000${a.partition}`, a.baseOffset);
    }
    for (const a of request.attempts) {
      if (a.detached) continue;
      const code = this.o.acks === 0 ? 0 : codes.get(`${a.lane.topic}\u0000${a.lane.partition}`);
      if (code === undefined) {
        this.retryOrFail(
          a,
          { code: "NO_PARTITION_ANSWER", message: "the produce response did not mention this partition" },
          true,
        );
        continue;
      }
      const error = code === 0 ? undefined : errorOfCode(code);
      if (!error || error.type === "DUPLICATE_SEQUENCE_NUMBER") {
        const base = offsets.get(`${a.lane.topic}\u0000${a.lane.partition}`) ?? -1n;
        if (!error && base >= 0n) this.onAcked?.(a.lane.topic, a.lane.partition, Number(base), a.batch.records.length);
        this.succeed(a);
      } else this.retryOrFail(a, { code: error.type, message: error.message }, error.retriable);
    }
    this.schedulePump();
  }

  private requestFailed(request: InFlightRequest, error: unknown): void {
    if (!this.finish(request)) return;
    const { code, message } = classifyError(error);
    // An unanswered request's connection is closed before its batches go anywhere else.
    if (code === "REQUEST_TIMED_OUT") this.transport.abandon(request.nodeId);
    const retriable = isRetriable(error);
    const state = code === "REQUEST_TIMED_OUT" ? "unresponsive" : "unreachable";
    if (retriable)
      this.health.trouble(
        request.nodeId,
        this.transport.addressOf(request.nodeId),
        state,
        `${code} (${message})`,
        this.clock.now(),
      );
    for (const a of request.attempts) if (!a.detached) this.retryOrFail(a, { code, message }, retriable);
    this.schedulePump();
  }

  release(a: Attempt): void {
    a.detached = true;
    a.batch.inFlight = false;
    a.lane.inFlight--;
  }

  private succeed(a: Attempt): void {
    this.release(a);
    a.lane.remove(a.batch);
    a.lane.okSeen = true;
    if (a.lane.inFlight === 0) a.lane.recovering = false;
    this.settle(a.batch.chunks);
    if (!a.lane.hasWork) this.ready.delete(a.lane);
  }

  retryOrFail(a: Attempt, failure: Failure, retriable: boolean): void {
    this.release(a);
    const { lane, batch } = a;
    batch.lastError = failure;
    const now = this.clock.now();
    if (failure.code === "UNKNOWN_TOPIC_OR_PARTITION" || retriable) this.refreshWanted = true;
    const verdict = judge({
      failure,
      retriable,
      idempotent: this.identity !== undefined,
      oldest: lane.batches[0] === batch,
      nowMs: now,
      deadlineMs: batch.deadlineMs,
      attempts: batch.attempts,
      maxAttempts: this.o.maxAttempts,
      deliveryTimeoutMs: this.o.deliveryTimeoutMs,
    });
    if (verdict.newProducerId && batch.generation === this.identity?.identity?.generation) this.identity.reset();
    if (verdict.fail) this.failBatch(lane, batch, verdict.fail);
    else {
      lane.recovering = true;
      lane.okSeen = false;
      lane.retryAtMs = Math.max(lane.retryAtMs, now + backoffMs(batch.attempts));
      this.ready.add(lane);
    }
  }

  failBatch(lane: Lane, batch: Batch, failure: Failure): void {
    lane.remove(batch);
    // Its records may or may not be in Kafka: later batches must not reuse its sequences.
    if (this.identity && batch.attempts > 0 && batch.generation === this.identity.identity?.generation)
      this.identity.reset();
    this.settle(batch.chunks, failure);
    if (!lane.hasWork) this.ready.delete(lane);
  }

  settle(chunks: readonly Chunk[], failure?: Failure): void {
    for (const chunk of chunks) this.buffered -= chunk.bytes;
    settleChunks(chunks, failure);
  }

  gaveUp(last: Failure, attempts = 0): Failure {
    return gaveUp(last, attempts, this.o.maxAttempts, this.o.deliveryTimeoutMs);
  }
}
