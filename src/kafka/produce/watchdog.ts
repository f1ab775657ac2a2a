/**
 * The sender's timers, every 100 ms on its clock: requests unanswered for --request-timeout
 * (their connection is closed first, then their batches retried or failed), stalls that call for
 * fresh metadata, records past --delivery-timeout, the stuck-bytes budget, and metadata refreshes
 * (a partition whose leader moved mid-request goes to the new leader at once).
 */
import { within } from "./clock.ts";
import type { Lane } from "./lane.ts";
import type { InFlightRequest, SenderCore } from "./in-flight.ts";
import { topicFailure } from "./failures.ts";
import type { Failure } from "./failures.ts";

/** A request in flight this long makes surge ask where its partitions' leaders are now... */
export const STALL_MS = 1000;
/** ... and mark its broker unresponsive. */
export const UNRESPONSIVE_MS = 3000;
export const REFRESH_EVERY_MS = 400;
export const CHECK_EVERY_MS = 100;

export class Watchdog {
  private timer: unknown;
  private lastRefreshMs = -Infinity;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly s: SenderCore) {
    this.arm();
  }

  private arm(): void {
    this.timer = this.s.clock.setTimeout(() => {
      this.check();
      if (!this.s.closed) this.arm();
    }, CHECK_EVERY_MS);
  }

  stop(): void {
    this.s.clock.clearTimeout(this.timer);
  }

  check(): void {
    const s = this.s;
    if (s.closed) return;
    const now = s.clock.now();
    for (const request of [...s.requests]) this.checkRequest(request, now);
    for (const lane of [...s.ready]) this.expire(lane, now);
    s.stuck = this.stuckBytes(now);
    for (const [topic, list] of s.waiting) {
      while (list.length > 0 && list[0]!.deadlineMs <= now) {
        const w = list.shift()!;
        w.resolve([
          {
            code: "METADATA_NOT_LOADED",
            message: `no partition metadata for ${topic}: ${s.leaders.failure || "no broker answered"}`,
            indices: w.records.map((_, i) => i),
          },
        ]);
      }
      if (list.length === 0) s.waiting.delete(topic);
    }
    if (s.refreshWanted && now - this.lastRefreshMs >= REFRESH_EVERY_MS) void this.refresh(this.topics());
    if (s.ready.size > 0) s.schedulePump();
  }

  private checkRequest(request: InFlightRequest, now: number): void {
    const s = this.s;
    const age = now - request.sentMs;
    const expired = request.attempts.some((a) => !a.detached && now >= a.batch.deadlineMs);
    if (age >= s.o.requestTimeoutMs || expired) {
      // Closed first: its answer can no longer arrive, and nothing else waits behind it on that connection.
      s.transport.abandon(request.nodeId);
      request.done = true;
      s.requests.delete(request);
      const address = s.transport.addressOf(request.nodeId);
      const timedOut = {
        code: "REQUEST_TIMED_OUT",
        message: `broker ${request.nodeId} (${address}) did not answer within ${Math.round(age)} ms`,
      };
      if (age >= s.o.requestTimeoutMs)
        s.health.trouble(
          request.nodeId,
          address,
          "unresponsive",
          `no answer within --request-timeout ${s.o.requestTimeoutMs} ms`,
          now,
        );
      for (const a of request.attempts) {
        if (a.detached) continue;
        if (now >= a.batch.deadlineMs) {
          s.release(a);
          s.failBatch(
            a.lane,
            a.batch,
            s.gaveUp(a.batch.lastError.code ? a.batch.lastError : timedOut, a.batch.attempts),
          );
        } else s.retryOrFail(a, timedOut, true);
      }
      s.schedulePump();
    } else if (age >= STALL_MS) {
      s.refreshWanted = true;
      if (age >= UNRESPONSIVE_MS)
        s.health.trouble(
          request.nodeId,
          s.transport.addressOf(request.nodeId),
          "unresponsive",
          `no answer for ${(age / 1000).toFixed(1)} s`,
          now,
        );
    }
  }

  /** Why records never left: no leader, or a leader this client cannot reach. */
  private notSent(lane: Lane): Failure {
    const s = this.s;
    const leader = s.leaders.leaderOf(lane.topic, lane.partition);
    if (leader >= 0 && !s.health.isUp(leader)) {
      return {
        code: "LEADER_NOT_AVAILABLE",
        message: `leader ${leader} of ${lane.topic}-${lane.partition} unreachable from here (${s.transport.addressOf(leader)})`,
      };
    }
    if (leader >= 0)
      return { code: "DELIVERY_TIMEOUT", message: `${lane.topic}-${lane.partition} could not send in time` };
    return {
      code: "LEADER_NOT_AVAILABLE",
      message: `no leader known for ${lane.topic}-${lane.partition}: ${s.leaders.failure || "none elected"}`,
    };
  }

  /** Batches and records past their delivery deadline that are not in flight fail. */
  private expire(lane: Lane, now: number): void {
    const s = this.s;
    for (const batch of [...lane.batches]) {
      if (!batch.inFlight && now >= batch.deadlineMs)
        s.failBatch(lane, batch, s.gaveUp(batch.lastError.code ? batch.lastError : this.notSent(lane), batch.attempts));
    }
    while (lane.open.length > 0 && lane.open[0]!.deadlineMs <= now) {
      const chunk = lane.open.shift()!;
      lane.openBytes -= chunk.bytes;
      s.settle([chunk], s.gaveUp(this.notSent(lane)));
    }
    if (!lane.hasWork) s.ready.delete(lane);
  }

  private stuckBytes(now: number): number {
    const s = this.s;
    const stalled = new Set<Lane>();
    for (const r of s.requests) if (now - r.sentMs >= STALL_MS) for (const a of r.attempts) stalled.add(a.lane);
    let bytes = 0;
    for (const lane of s.ready) {
      const stuck = stalled.has(lane) || lane.recovering || s.leaders.leaderOf(lane.topic, lane.partition) < 0;
      if (!stuck) continue;
      bytes += lane.openBytes;
      for (const b of lane.batches) bytes += b.bytes;
    }
    return bytes;
  }

  private topics(): string[] {
    return [...new Set([...this.s.lanes.keys(), ...this.s.waiting.keys()])];
  }

  /** One metadata request at a time; callers arriving meanwhile share it. */
  refresh(topics: readonly string[]): Promise<void> {
    const s = this.s;
    s.refreshWanted = false;
    this.lastRefreshMs = s.clock.now();
    if (topics.length === 0) return Promise.resolve();
    this.refreshing ??= within(
      s.clock,
      s.transport.metadata(topics, (id) => s.health.isUp(id)),
      s.o.metadataTimeoutMs,
      "metadata request",
    )
      .then(
        (answer) => {
          s.leaders.apply(answer);
          s.leaders.failure = "";
        },
        (error: unknown) => {
          s.leaders.failure = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        this.refreshing = undefined;
        this.afterRefresh();
      });
    return this.refreshing;
  }

  private afterRefresh(): void {
    const s = this.s;
    if (s.closed) return;
    for (const [topic, list] of s.waiting) {
      const layout = s.leaders.layout(topic);
      if (!layout) continue;
      s.waiting.delete(topic);
      for (const w of list) s.place(topic, layout, w);
    }
    for (const [topic, lanes] of s.lanes) {
      const layout = s.leaders.layout(topic);
      if (layout && layout.errorCode !== 0) this.failTopic(topic, lanes, topicFailure(topic, layout.errorCode));
    }
    // A partition that moved: its batches go to the new leader now (the old one may never answer).
    for (const r of s.requests) {
      for (const a of r.attempts) {
        if (a.detached) continue;
        const leader = s.leaders.leaderOf(a.lane.topic, a.lane.partition);
        if (leader >= 0 && leader !== r.nodeId) {
          s.release(a);
          a.lane.recovering = true;
          a.lane.okSeen = false;
          s.ready.add(a.lane);
        }
      }
    }
    if (s.leaders.failure) s.refreshWanted = true;
    s.schedulePump();
  }

  private failTopic(topic: string, lanes: Lane[], failure: Failure): void {
    const s = this.s;
    for (const r of s.requests) for (const a of r.attempts) if (!a.detached && a.lane.topic === topic) s.release(a);
    for (const lane of lanes) {
      for (const batch of [...lane.batches]) s.failBatch(lane, batch, failure);
      const open = lane.open.splice(0);
      lane.openBytes = 0;
      s.settle(open, failure);
      s.ready.delete(lane);
    }
    s.lanes.delete(topic);
  }
}
