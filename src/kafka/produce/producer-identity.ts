/**
 * The idempotent producer's id and epoch (InitProducerId). Batches carry the generation of the id
 * their sequences count under; a new id (after the broker forgot ours, or a batch whose fate is
 * unknown was given up) makes every partition number its unacked batches again from 0.
 */
import type { ProducerClock } from "./clock.ts";
import { within } from "./clock.ts";
import type { Transport } from "./transport.ts";
import { errorOfCode } from "../protocol/error-codes.ts";

export interface Identity {
  producerId: bigint;
  producerEpoch: number;
  /** Changes with every new producer id. */
  generation: number;
}

export class ProducerIdentity {
  private current: Identity | undefined;
  private generation = 0;
  private asking = false;
  private retryAtMs = 0;
  lastError = "";

  constructor(
    private readonly clock: ProducerClock,
    private readonly timeoutMs: number,
  ) {}

  get identity(): Identity | undefined {
    return this.current;
  }

  /** Forget the producer id: the next batches wait for a fresh one. */
  reset(): void {
    this.current = undefined;
  }

  /** Asks for a producer id unless one is known or being asked for; `done` runs after. */
  ensure(transport: Transport, isUp: (id: number) => boolean, done: () => void): void {
    if (this.current || this.asking || this.clock.now() < this.retryAtMs) return;
    this.asking = true;
    within(this.clock, transport.initProducerId(isUp), this.timeoutMs, "InitProducerId")
      .then((answer) => {
        if (answer.errorCode !== 0) throw new Error(`InitProducerId: ${errorOfCode(answer.errorCode).type}`);
        this.current = {
          producerId: answer.producerId,
          producerEpoch: answer.producerEpoch,
          generation: ++this.generation,
        };
        this.lastError = "";
      })
      .catch((error: unknown) => {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.retryAtMs = this.clock.now() + 500;
      })
      .finally(() => {
        this.asking = false;
        done();
      });
  }
}
