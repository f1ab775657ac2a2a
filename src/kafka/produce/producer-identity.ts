/**
 * The idempotent producer's identity: a producer id and epoch from the cluster (InitProducerId)
 * and a sequence number per partition. A batch takes its id and sequences when it is formed and
 * keeps them through every retry, so the broker can drop a retry of what it already has. After a
 * batch is given up (its fate unknown), later batches take a fresh producer id: reusing its
 * sequences could make the broker drop new records as duplicates of it.
 */
import type { BrokerLike } from "./kafkajs-internals.ts";
import { errorOfCode, producerIdLong, sendDecoded } from "./kafkajs-internals.ts";
import { withTimeout } from "./with-timeout.ts";

export interface Identity {
  producerId: unknown;
  producerEpoch: number;
  /** Changes with every new producer id. */
  generation: number;
}

const MAX_SEQUENCE = 2 ** 31 - 1;

export class ProducerIdentity {
  private current: Identity | undefined;
  private generation = 0;
  private readonly sequences = new Map<string, number>();
  private asking: Promise<void> | undefined;
  private retryAtMs = 0;
  lastError = "";

  constructor(private readonly timeoutMs: number) {}

  get identity(): Identity | undefined {
    return this.current;
  }

  /** The first sequence of a new batch of `count` records for the partition. */
  take(topic: string, partition: number, count: number): number {
    const key = `${topic}\u0000${partition}`;
    const first = this.sequences.get(key) ?? 0;
    this.sequences.set(key, (first + count) % (MAX_SEQUENCE + 1));
    return first;
  }

  /** Forget the producer id: the next batches wait for a fresh one. */
  reset(): void {
    this.current = undefined;
    this.sequences.clear();
  }

  /** Asks a broker for a producer id unless one is known or being asked for; `done` runs after. */
  ensure(pick: () => Promise<BrokerLike>, nowMs: number, done: () => void): void {
    if (this.current || this.asking || nowMs < this.retryAtMs) return;
    this.asking = (async () => {
      try {
        const broker = await withTimeout(pick(), this.timeoutMs, "connect for InitProducerId");
        const answer = (await withTimeout(
          sendDecoded(broker, "InitProducerId", { transactionalId: null, transactionTimeout: 60_000 }),
          this.timeoutMs, "InitProducerId",
        )) as { errorCode: number; producerId: string; producerEpoch: number };
        if (answer.errorCode !== 0) throw new Error(`InitProducerId: ${errorOfCode(answer.errorCode).type}`);
        this.sequences.clear();
        this.current = { producerId: producerIdLong(answer.producerId), producerEpoch: answer.producerEpoch, generation: ++this.generation };
        this.lastError = "";
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.retryAtMs = Date.now() + 500;
      } finally {
        this.asking = undefined;
        done();
      }
    })();
  }
}
