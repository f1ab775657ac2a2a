/**
 * surge's produce path over kafkajs connections: records are split per partition, each partition
 * has at most one batch in flight (many partitions in flight at once, one request per leader), and
 * every partition's answer is judged on its own: acked, retried (same batch, same sequence, after a
 * metadata refresh) until --delivery-timeout, or failed with the broker's reason. A request that
 * gets no answer is given up after --request-timeout and its connection closed first (so that what
 * is retried or failed is not written later); a partition whose leader moves is sent to the new
 * leader as soon as the metadata says so, not when the old leader answers.
 */
import type { BrokerHealth } from "./broker-health.ts";
import type { ClusterLike } from "./kafkajs-internals.ts";
import { errorOfCode, resetConnections } from "./kafkajs-internals.ts";
import type { LeaderMap, TopicLayout } from "./leader-map.ts";
import type { Attempt, Chunk, OutMessage, PartialFailure, PartReporter } from "./partition-lane.ts";
import { PartitionLane, settleChunks } from "./partition-lane.ts";
import type { ProducerIdentity } from "./producer-identity.ts";
import { produceRequest } from "./produce-request.ts";
import type { Failure } from "./failures.ts";
import { gaveUp, topicFailure, waitedOut } from "./failures.ts";

type Partitioner = (args: { topic: string; partitionMetadata: TopicLayout["partitionMetadata"]; message: OutMessage }) => number;

export interface SenderOptions {
  acks: 0 | 1 | -1;
  compression: number;
  requestTimeoutMs: number;
  deliveryTimeoutMs: number;
  /** Tries of one batch at most (--retries + 1). */
  maxAttempts: number;
  /** Largest batch per partition (estimated bytes); one send's share always goes whole. */
  maxBatchBytes: number;
  partitioner: Partitioner;
  /** Set for --idempotent: producer id and sequences on every batch. */
  identity?: ProducerIdentity;
}

/** A request in flight this long makes surge ask where its partitions' leaders are now. */
const STALL_MS = 1000;
/** ... and mark its broker unresponsive. */
const UNRESPONSIVE_MS = 3000;
/**
 * Records held for partitions that cannot be written now (leader dead, frozen or moving) while the
 * others go on, like the Java client's buffer.memory: an election takes ~10 s, this holds that
 * long at 10,000 events/s with a third of the partitions stuck.
 */
const BUFFER_MAX_BYTES = 64 * 1024 * 1024;
const REFRESH_EVERY_MS = 400;
const CHECK_EVERY_MS = 100;
const IDEMPOTENCE_ERRORS = new Set(["OUT_OF_ORDER_SEQUENCE_NUMBER", "UNKNOWN_PRODUCER_ID", "INVALID_PRODUCER_EPOCH"]);

interface Waiting {
  records: OutMessage[];
  resolve(failures: PartialFailure[]): void;
  deadlineMs: number;
  report: PartReporter | undefined;
}

export class PartitionSender {
  private readonly lanes = new Map<string, PartitionLane[]>();
  private readonly ready = new Set<PartitionLane>();
  private readonly inFlight = new Set<Attempt>();
  /** Sends for topics whose partitions are not known yet, in order. */
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly timer: ReturnType<typeof setInterval>;
  private pumpQueued = false;
  /** Bytes of records handed over and not yet acked or failed. */
  private buffered = 0;
  /** Of those, bytes in partitions that are stuck (no leader, failed once, or unanswered for a while). */
  private stuck = 0;
  private refreshWanted = true;
  private lastRefreshMs = 0;
  private closed = false;

  constructor(
    private readonly cluster: ClusterLike,
    private readonly leaders: LeaderMap,
    private readonly health: BrokerHealth,
    private readonly o: SenderOptions,
  ) {
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.timer.unref?.();
  }

  /** Resolves once every record is acked or failed; the failures name the records by position. */
  send(topic: string, records: OutMessage[], report?: PartReporter): Promise<PartialFailure[]> {
    return new Promise((resolve) => {
      const deadlineMs = Date.now() + this.o.deliveryTimeoutMs;
      const layout = this.leaders.layout(topic);
      const queue = this.waiting.get(topic);
      if (layout && !queue) return this.place(topic, layout, records, resolve, deadlineMs, report);
      if (queue) queue.push({ records, resolve, deadlineMs, report });
      else this.waiting.set(topic, [{ records, resolve, deadlineMs, report }]);
      this.refreshWanted = true;
      this.check();
    });
  }

  /**
   * Room for another send: records of partitions that flow stay under `flowingBytes`, and all
   * records held under BUFFER_MAX_BYTES; a stuck partition does not hold up the others.
   */
  accepts(flowingBytes: number): boolean {
    return this.buffered - this.stuck < flowingBytes && this.buffered < BUFFER_MAX_BYTES;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  private place(
    topic: string, layout: TopicLayout, records: OutMessage[], resolve: (f: PartialFailure[]) => void, deadlineMs: number, report?: PartReporter,
  ): void {
    const count = layout.partitionMetadata.length;
    if (layout.errorCode !== 0 || count === 0) {
      resolve([{ ...this.topicFailure(topic, layout), indices: records.map((_, i) => i) }]);
      return;
    }
    const op = { remaining: records.length, failures: [] as PartialFailure[], resolve, ...(report ? { report } : {}) };
    const groups: Array<Chunk | undefined> = [];
    for (let i = 0; i < records.length; i++) {
      const message = records[i]!;
      const p = this.o.partitioner({ topic, partitionMetadata: layout.partitionMetadata, message });
      let chunk = groups[p];
      if (!chunk) groups[p] = chunk = { op, indices: [], messages: [], bytes: 0, deadlineMs };
      chunk.indices.push(i);
      chunk.messages.push(message);
      chunk.bytes += message.value.length + message.key.length + 64;
    }
    for (const chunk of groups) if (chunk) this.buffered += chunk.bytes;
    const lanes = this.lanesOf(topic, count);
    groups.forEach((chunk, p) => {
      if (!chunk) return;
      const lane = lanes[p]!;
      lane.queue.push(chunk);
      this.ready.add(lane);
    });
    this.schedulePump();
  }

  private lanesOf(topic: string, count: number): PartitionLane[] {
    let lanes = this.lanes.get(topic);
    if (!lanes) this.lanes.set(topic, (lanes = []));
    for (let p = lanes.length; p < count; p++) lanes.push(new PartitionLane(topic, p));
    return lanes;
  }

  private schedulePump(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    queueMicrotask(() => this.pump());
  }

  /** Sends every partition that has records and no batch in flight, one request per leader. */
  private pump(): void {
    this.pumpQueued = false;
    if (this.closed) return;
    const now = Date.now();
    const identity = this.o.identity;
    if (identity && !identity.identity) {
      identity.ensure(() => this.anyBroker(), now, () => this.schedulePump());
    }
    const groups = new Map<string, Attempt[]>();
    for (const lane of this.ready) {
      if (lane.inFlight || lane.retryAtMs > now) continue;
      const leader = this.leaders.leaderOf(lane.topic, lane.partition);
      if (leader < 0) {
        this.refreshWanted = true;
        continue;
      }
      if (!lane.batch) {
        if (identity && !identity.identity) continue;
        const current = identity?.identity;
        lane.formBatch(this.o.maxBatchBytes, current, (n) => identity?.take(lane.topic, lane.partition, n) ?? 0);
      }
      const attempt: Attempt = { lane, batch: lane.batch!, nodeId: leader, sentMs: now, abandoned: false };
      lane.inFlight = attempt;
      this.ready.delete(lane);
      const key = `${leader}/${attempt.batch.identity?.generation ?? 0}`;
      const group = groups.get(key);
      if (group) group.push(attempt);
      else groups.set(key, [attempt]);
    }
    for (const attempts of groups.values()) void this.dispatch(attempts);
  }

  private async dispatch(attempts: Attempt[]): Promise<void> {
    for (const a of attempts) {
      a.batch.attempts++;
      this.inFlight.add(a);
    }
    const nodeId = attempts[0]!.nodeId;
    const outcome = await produceRequest(this.cluster, attempts, this.o);
    if (!outcome.ok) {
      if (outcome.code === "REQUEST_TIMED_OUT") this.closeConnection(nodeId, outcome.message);
      const state = outcome.code === "REQUEST_TIMED_OUT" ? "unresponsive" : "unreachable";
      // An attempt already given up on was rejected by surge's own close: the broker was judged then.
      if (outcome.retriable && attempts.some((a) => !a.abandoned)) this.health.trouble(nodeId, outcome.address, state, `${outcome.code} (${outcome.message})`, Date.now());
      for (const a of attempts) if (!a.abandoned) this.retryOrFail(a, outcome, outcome.retriable);
      return;
    }
    this.health.ok(nodeId, outcome.address, Date.now());
    for (const a of attempts) {
      if (a.abandoned) continue;
      const code = outcome.codeOf(a.lane.topic, a.lane.partition);
      if (code === undefined) {
        this.retryOrFail(a, { code: "NO_PARTITION_ANSWER", message: "the produce response did not mention this partition" }, true);
        continue;
      }
      const error = code === 0 ? undefined : errorOfCode(code);
      if (!error || error.type === "DUPLICATE_SEQUENCE_NUMBER") this.succeed(a);
      else this.retryOrFail(a, { code: error.type, message: error.message }, error.retriable);
    }
  }

  private succeed(a: Attempt): void {
    this.release(a);
    a.lane.batch = undefined;
    this.settle(a.batch.chunks);
    if (a.lane.hasWork) this.ready.add(a.lane);
    this.schedulePump();
  }

  private settle(chunks: readonly Chunk[], failure?: Failure): void {
    for (const chunk of chunks) this.buffered -= chunk.bytes;
    settleChunks(chunks, failure);
  }

  private release(a: Attempt): void {
    this.inFlight.delete(a);
    if (a.lane.inFlight === a) a.lane.inFlight = undefined;
  }

  private retryOrFail(a: Attempt, failure: Failure, retriable: boolean): void {
    this.release(a);
    const { lane, batch } = a;
    batch.lastError = failure;
    const now = Date.now();
    if (failure.code === "UNKNOWN_TOPIC_OR_PARTITION" || retriable) this.refreshWanted = true;
    if (this.o.identity && IDEMPOTENCE_ERRORS.has(failure.code)) this.failBatch(lane, failure);
    else if (!retriable) this.failBatch(lane, failure);
    else if (now >= batch.deadlineMs || batch.attempts >= this.o.maxAttempts) this.failBatch(lane, this.gaveUp(batch.lastError, batch.attempts));
    else {
      lane.retryAtMs = now + Math.min(1000, 100 * 2 ** Math.min(batch.attempts - 1, 4));
      this.ready.add(lane);
    }
    this.schedulePump();
  }

  private failBatch(lane: PartitionLane, failure: Failure): void {
    const batch = lane.batch;
    if (!batch) return;
    lane.batch = undefined;
    // Its records may or may not be in Kafka: later batches must not reuse its sequences.
    if (batch.identity && batch.identity === this.o.identity?.identity) this.o.identity.reset();
    this.settle(batch.chunks, failure);
    if (lane.hasWork) this.ready.add(lane);
  }



  private gaveUp(last: Failure, attempts = 0): Failure {
    return gaveUp(last, attempts, this.o.maxAttempts, this.o.deliveryTimeoutMs);
  }

  private topicFailure(topic: string, layout: TopicLayout): Failure {
    return topicFailure(topic, layout.errorCode);
  }

  private anyBroker(): ReturnType<ClusterLike["findBroker"]> {
    const ids = Object.keys(this.cluster.brokerPool.brokers).map(Number).filter((id) => this.health.isUp(id));
    const seed = this.cluster.brokerPool.seedBroker;
    if (ids.length > 0) return this.cluster.findBroker({ nodeId: ids[Math.floor(Math.random() * ids.length)]! });
    if (seed) return Promise.resolve(seed);
    return Promise.reject(new Error("no broker known"));
  }

  /** Timeouts, stalls, expired records and metadata refreshes, every 100 ms. */
  private check(): void {
    if (this.closed) return;
    const now = Date.now();
    for (const a of this.inFlight) {
      const age = now - a.sentMs;
      if (now >= a.batch.deadlineMs) {
        this.abandon(a);
        this.closeConnection(a.nodeId, `no answer by the --delivery-timeout`);
        this.failBatch(a.lane, this.gaveUp(a.batch.lastError.code ? a.batch.lastError : { code: "REQUEST_TIMED_OUT", message: `no answer from broker ${a.nodeId}` }));
      } else if (age >= this.o.requestTimeoutMs) {
        this.abandon(a);
        this.closeConnection(a.nodeId, `no answer within --request-timeout ${this.o.requestTimeoutMs} ms`);
        this.health.trouble(a.nodeId, this.addressOf(a.nodeId), "unresponsive", `no answer within --request-timeout ${this.o.requestTimeoutMs} ms`, now);
        this.retryOrFail(a, { code: "REQUEST_TIMED_OUT", message: `broker ${a.nodeId} did not answer within ${this.o.requestTimeoutMs} ms` }, true);
      } else if (age >= STALL_MS) {
        this.refreshWanted = true;
        if (age >= UNRESPONSIVE_MS) this.health.trouble(a.nodeId, this.addressOf(a.nodeId), "unresponsive", `no answer for ${(age / 1000).toFixed(1)} s`, now);
      }
    }
    for (const lane of this.ready) this.expire(lane, now);
    this.stuck = this.stuckBytes(now);
    for (const [topic, list] of this.waiting) {
      while (list.length > 0 && list[0]!.deadlineMs <= now) {
        const w = list.shift()!;
        w.resolve([{ code: "METADATA_NOT_LOADED", message: `no partition metadata for ${topic}: ${this.leaders.failure || "no broker answered"}`, indices: w.records.map((_, i) => i) }]);
      }
      if (list.length === 0) this.waiting.delete(topic);
    }
    if (this.refreshWanted && now - this.lastRefreshMs >= REFRESH_EVERY_MS) this.refresh(now);
    if (this.ready.size > 0) this.schedulePump();
  }

  private stuckBytes(now: number): number {
    let bytes = 0;
    const count = (lane: PartitionLane): void => {
      const stalled = this.leaders.leaderOf(lane.topic, lane.partition) < 0 || (lane.batch?.attempts ?? 0) > 1 ||
        (lane.inFlight !== undefined && now - lane.inFlight.sentMs >= STALL_MS);
      if (!stalled) return;
      for (const c of lane.queue) bytes += c.bytes;
      for (const c of lane.batch?.chunks ?? []) bytes += c.bytes;
    };
    for (const lane of this.ready) count(lane);
    for (const a of this.inFlight) if (!this.ready.has(a.lane)) count(a.lane);
    return bytes;
  }

  /** Records that waited past their delivery deadline without a batch in flight fail. */
  private expire(lane: PartitionLane, now: number): void {
    if (lane.inFlight) return;
    if (lane.batch && now >= lane.batch.deadlineMs) this.failBatch(lane, this.gaveUp(lane.batch.lastError));
    while (!lane.batch && lane.queue.length > 0 && lane.queue[0]!.deadlineMs <= now) {
      const leader = this.leaders.leaderOf(lane.topic, lane.partition);
      const why = waitedOut(lane.topic, lane.partition, leader, this.health.stateOf(leader), this.leaders.failure);
      this.settle([lane.queue.shift()!], this.gaveUp(why));
    }
    if (!lane.hasWork) this.ready.delete(lane);
  }

  /**
   * A request given up on closes its broker's connection before the batch is retried or failed,
   * as the Java client and librdkafka do: kept open, a connection cut off by the network delivers
   * the abandoned request once it heals, and records counted failed end up in Kafka anyway.
   */
  private closeConnection(nodeId: number, why: string): void {
    const broker = this.cluster.brokerPool.brokers[String(nodeId)];
    if (broker) resetConnections(broker, why);
  }

  private abandon(a: Attempt): void {
    a.abandoned = true;
    this.release(a);
  }

  private addressOf(nodeId: number): string {
    const broker = this.cluster.brokerPool.brokers[String(nodeId)];
    return broker ? `${broker.connectionPool.host}:${broker.connectionPool.port}` : `node ${nodeId}`;
  }

  private refresh(now: number): void {
    this.refreshWanted = false;
    this.lastRefreshMs = now;
    const topics = [...new Set([...this.lanes.keys(), ...this.waiting.keys()])];
    if (topics.length === 0) return;
    void this.leaders.refresh(topics).then(() => this.afterRefresh());
  }

  private afterRefresh(): void {
    if (this.closed) return;
    for (const [topic, list] of this.waiting) {
      const layout = this.leaders.layout(topic);
      if (!layout) continue;
      this.waiting.delete(topic);
      for (const w of list) this.place(topic, layout, w.records, w.resolve, w.deadlineMs, w.report);
    }
    for (const [topic, lanes] of this.lanes) {
      const layout = this.leaders.layout(topic);
      if (layout && layout.errorCode !== 0) this.failTopic(topic, lanes, this.topicFailure(topic, layout));
    }
    // A partition that moved: its batch goes to the new leader now (the old one may never answer).
    for (const a of this.inFlight) {
      const leader = this.leaders.leaderOf(a.lane.topic, a.lane.partition);
      if (leader >= 0 && leader !== a.nodeId) {
        this.abandon(a);
        this.ready.add(a.lane);
      }
    }
    if (this.leaders.failure) this.refreshWanted = true;
    this.schedulePump();
  }

  private failTopic(topic: string, lanes: PartitionLane[], failure: Failure): void {
    for (const lane of lanes) {
      if (lane.inFlight) this.abandon(lane.inFlight);
      this.failBatch(lane, failure);
      this.settle(lane.queue.splice(0), failure);
      this.ready.delete(lane);
    }
    this.lanes.delete(topic);
  }
}
