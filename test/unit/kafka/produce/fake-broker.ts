/**
 * A fake clock and a scripted fake cluster behind the sender's Transport, so each sender rule is
 * proven in milliseconds: requests are recorded in order (with closes), and each one is answered,
 * failed or left hanging as the test says.
 */
import type { ProducerClock } from "../../../../src/kafka/produce/clock.ts";
import type { Transport } from "../../../../src/kafka/produce/transport.ts";
import type { MetadataAnswer } from "../../../../src/kafka/protocol/metadata.ts";
import type { PartitionAnswer, ProduceRequest } from "../../../../src/kafka/protocol/produce.ts";
import { EncodedRecords } from "../../../../src/kafka/protocol/encoded-records.ts";
import { Reader } from "../../../../src/kafka/protocol/reader.ts";
import type { RecordList } from "../../../../src/kafka/protocol/record-batch.ts";
import type { ProducerIdAnswer } from "../../../../src/kafka/protocol/init-producer-id.ts";
import { BrokerHealth } from "../../../../src/kafka/produce/broker-health.ts";
import { Sender } from "../../../../src/kafka/produce/sender.ts";
import type { SenderOptions } from "../../../../src/kafka/produce/sender.ts";

/** Lets every queued microtask and promise callback run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class FakeClock implements ProducerClock {
  private t = 1_000_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(timer: unknown): void {
    this.timers.delete(timer as number);
  }

  /** Moves time forward by `ms`, firing timers in order with promises settled between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await settle();
    for (;;) {
      let first: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry;
      if (!first) break;
      this.timers.delete(first[0]);
      this.t = Math.max(this.t, first[1].at);
      first[1].fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
}

/** One produce request as the fake broker saw it: per partition, the batch it carried. */
export interface SeenRequest {
  nodeId: number;
  parts: Array<{ topic: string; partition: number; values: string[]; sequence: number; producerId: bigint }>;
  answer(codes?: Record<string, number>): void;
  fail(error: Error): void;
  settled: boolean;
}

type Reply = (req: SeenRequest) => void;

export class FakeCluster implements Transport {
  /** Leader per partition, per topic (-1: none). */
  leaders = new Map<string, number[]>();
  /** Leader epoch per partition, per topic (absent: not sent). */
  epochs = new Map<string, number[]>();
  brokers = [1, 2, 3];
  /** What happens to each produce request: answered OK unless the test says otherwise. */
  reply: Reply = (req) => req.answer();
  readonly requests: SeenRequest[] = [];
  /** produce / abandon events, in order. */
  readonly log: string[] = [];
  metadataCalls = 0;
  producerIds = 0;
  unreachable = new Set<number>();

  async produce(nodeId: number, request: ProduceRequest): Promise<PartitionAnswer[]> {
    const parts = request.topics.flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.topic,
        partition: p.partition,
        values: valuesOf(p.records),
        sequence: p.baseSequence,
        producerId: p.producerId,
      })),
    );
    this.log.push(
      `produce ${nodeId} ${parts.map((p) => `${p.topic}-${p.partition}[${p.values.join(",")}]`).join(" ")}`,
    );
    if (this.unreachable.has(nodeId)) {
      throw Object.assign(new Error(`connect ECONNREFUSED node ${nodeId}`), { name: "KafkaJSConnectionError" });
    }
    return new Promise((resolve, reject) => {
      const seen: SeenRequest = {
        nodeId,
        parts,
        settled: false,
        answer: (codes = {}) => {
          if (seen.settled) return;
          seen.settled = true;
          resolve(
            parts.map((p) => ({
              topic: p.topic,
              partition: p.partition,
              errorCode: codes[`${p.topic}-${p.partition}`] ?? 0,
              baseOffset: 0n,
            })),
          );
        },
        fail: (error) => {
          if (seen.settled) return;
          seen.settled = true;
          reject(error);
        },
      };
      this.requests.push(seen);
      this.reply(seen);
    });
  }

  async metadata(topics: readonly string[]): Promise<MetadataAnswer> {
    this.metadataCalls++;
    return {
      brokers: this.brokers.map((nodeId) => ({ nodeId, host: "127.0.0.1", port: 9000 + nodeId })),
      controllerId: 1,
      topics: topics.map((name) => {
        const leaders = this.leaders.get(name);
        if (!leaders) return { errorCode: 3, name, partitions: [] };
        return {
          errorCode: 0,
          name,
          partitions: leaders.map((leader, partition) => {
            const leaderEpoch = this.epochs.get(name)?.[partition];
            return {
              errorCode: leader < 0 ? 5 : 0,
              partition,
              leader,
              ...(leaderEpoch === undefined ? {} : { leaderEpoch }),
            };
          }),
        };
      }),
    };
  }

  async initProducerId(): Promise<ProducerIdAnswer> {
    return { errorCode: 0, producerId: BigInt(1000 + this.producerIds++), producerEpoch: 0 };
  }

  abandon(nodeId: number): void {
    this.log.push(`abandon ${nodeId}`);
    for (const r of this.requests)
      if (r.nodeId === nodeId)
        r.fail(Object.assign(new Error("Closed connection"), { name: "KafkaJSConnectionClosedError" }));
  }

  addressOf(nodeId: number): string {
    return `127.0.0.1:${9000 + nodeId}`;
  }

  brokerCount(): number {
    return this.brokers.length;
  }

  /** Requests still unanswered. */
  get open(): SeenRequest[] {
    return this.requests.filter((r) => !r.settled);
  }
}

/** Keys "P:..." go to partition P. */
const byPrefix: SenderOptions["partitioner"] = (key) => Number(key.split(":")[0]);

export function options(over: Partial<SenderOptions> = {}): SenderOptions {
  return {
    acks: -1,
    codec: 0,
    requestTimeoutMs: 30_000,
    deliveryTimeoutMs: 120_000,
    metadataTimeoutMs: 3000,
    maxAttempts: Number.MAX_SAFE_INTEGER,
    batchBytes: 16 * 1024,
    lingerMs: 0,
    maxBatchBytes: 512 * 1024,
    partitioner: byPrefix,
    idempotent: false,
    ...over,
  };
}

export interface Rig {
  clock: FakeClock;
  cluster: FakeCluster;
  sender: Sender;
  health: BrokerHealth;
  /** Fate of every record sent through `send`: "acked" or the failure's code and message. */
  fates: Map<string, string>;
  send(topic: string, partition: number, values: string[]): Promise<void>;
}

/** A sender on a fake cluster whose topic `t` has the given partition leaders. */
export async function rig(leaders: number[], over: Partial<SenderOptions> = {}): Promise<Rig> {
  const clock = new FakeClock();
  const cluster = new FakeCluster();
  cluster.leaders.set("t", leaders);
  const health = new BrokerHealth();
  const sender = new Sender(cluster, clock, health, options(over));
  await sender.refresh(["t"]);
  const fates = new Map<string, string>();
  const send = async (topic: string, partition: number, values: string[]): Promise<void> => {
    const records = values.map((value) => ({ key: `${partition}:k`, value }));
    void sender.send(topic, records, (indices, failure) => {
      for (const i of indices) fates.set(values[i]!, failure ? `${failure.code}: ${failure.message}` : "acked");
    });
    await settle();
  };
  return { clock, cluster, sender, health, fates, send };
}

/** The values of a batch's records: read back from their encoded bytes, as a broker would. */
function valuesOf(records: RecordList): string[] {
  if (!(records instanceof EncodedRecords)) return records.map((r) => String(r.value));
  const values: string[] = [];
  for (const { buf, ends } of records.parts) {
    const r = new Reader(buf);
    for (const end of ends) {
      r.skip(r.varint()); // the key
      values.push(r.bytes(r.varint()).toString("utf8"));
      r.pos = end;
    }
  }
  return values;
}
