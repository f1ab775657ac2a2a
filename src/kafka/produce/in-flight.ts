/**
 * What the sender tracks between its parts: requests in flight and the batches in them, sends
 * waiting for their topic's metadata, and the surface the watchdog works on.
 */
import type { BrokerHealth } from "./broker-health.ts";
import type { ProducerClock } from "./clock.ts";
import type { Failure } from "./failures.ts";
import type { Batch, Chunk, Lane, PartialFailure, PartReporter } from "./lane.ts";
import type { LeaderMap, TopicLayout } from "./leader-map.ts";
import type { SenderOptions } from "./sender-options.ts";
import type { Transport } from "./transport.ts";
import type { ProduceRecord } from "../../common/record.ts";

export interface InFlightRequest {
  nodeId: number;
  attempts: Attempt[];
  sentMs: number;
  done: boolean;
}

export interface Attempt {
  lane: Lane;
  batch: Batch;
  /** Taken back (the partition moved to another leader): its answer is ignored. */
  detached: boolean;
}

export interface Waiting {
  records: ProduceRecord[];
  resolve(failures: PartialFailure[]): void;
  deadlineMs: number;
  addedMs: number;
  report: PartReporter | undefined;
}

/** The sender as its watchdog sees it. */
export interface SenderCore {
  readonly transport: Transport;
  readonly clock: ProducerClock;
  readonly health: BrokerHealth;
  readonly o: SenderOptions;
  readonly leaders: LeaderMap;
  readonly lanes: Map<string, Lane[]>;
  readonly ready: Set<Lane>;
  readonly requests: Set<InFlightRequest>;
  readonly waiting: Map<string, Waiting[]>;
  stuck: number;
  refreshWanted: boolean;
  readonly closed: boolean;
  schedulePump(): void;
  place(topic: string, layout: TopicLayout, w: Waiting): void;
  release(a: Attempt): void;
  retryOrFail(a: Attempt, failure: Failure, retriable: boolean): void;
  failBatch(lane: Lane, batch: Batch, failure: Failure): void;
  settle(chunks: readonly Chunk[], failure?: Failure): void;
  gaveUp(last: Failure, attempts?: number): Failure;
}
