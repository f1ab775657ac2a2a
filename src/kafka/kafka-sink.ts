/**
 * The producer side of surge: its own connections, sender and protocol (connection/,
 * produce/sender.ts, protocol/) with the acks, compression, batching, partitioner and delivery
 * timeout asked for, kafkajs's admin for topics, an initial connect with exponential backoff,
 * errors named by the broker.
 */
import kafkajs from "kafkajs";
import type { Admin, Kafka } from "kafkajs";
import { clientConfig } from "./client-config.ts";
import type { ClientSettings } from "./client-config.ts";
import { connectFailure } from "./connect-failure.ts";
import { classifyError } from "./classify-error.ts";
import { registerCodecs } from "./codecs/index.ts";
import { installKafkajsFixes } from "./kafkajs-fixes.ts";
import { partitioners } from "./partitioners.ts";
import { SocketRegistry } from "./socket-registry.ts";
import { ensureTopics } from "./topics.ts";
import { BrokerHealth } from "./produce/broker-health.ts";
import type { BrokerStatus } from "./produce/broker-health.ts";
import { systemProducerClock, within } from "./produce/clock.ts";
import { BrokerTransport } from "./produce/broker-transport.ts";
import type { SaslConfig } from "./connection/sasl.ts";
import type { ConnectionOptions } from "node:tls";
import type { PartialFailure, PartReporter } from "./produce/lane.ts";
import { Sender } from "./produce/sender.ts";
import type { AckedOffsetsListener } from "./produce/sender.ts";
import type { ProduceRecord } from "../common/record.ts";
import { CODEC_ID } from "./protocol/compression.ts";

export type KafkaConnectionState = "connecting" | "connected" | "retrying" | "failed" | "closed";

export interface KafkaSinkSettings extends ClientSettings {
  acks: 0 | 1 | -1;
  compression: "none" | "gzip" | "snappy" | "lz4" | "zstd";
  partitioner: "murmur2" | "fnv1a" | "round-robin";
  partitions: number;
  /** Cap on tries of one batch. */
  retries: number;
  /** Retries of a batch go on until this long after it was handed over (Java's delivery.timeout.ms). */
  deliveryTimeoutMs: number;
  /** Producer id and sequences on every batch (implies acks=-1). */
  idempotent: boolean;
  /** Of topics surge creates; undefined: min(3, brokers). */
  replicationFactor?: number;
  /** Give up connecting after this long (attempts back off exponentially up to it). */
  connectTimeoutMs: number;
  /** A partition's records go out once they reach this many bytes (--batch-size)... */
  batchSize: number;
  /** ... or the oldest waited this long (--linger-ms). */
  lingerMs: number;
}
/** Metadata and producer-id requests: another broker is asked when one does not answer this fast. */
const METADATA_TIMEOUT_MS = 3000;
/** Kafka refuses batches above message.max.bytes (1 MiB by default). */
const MAX_BATCH_BYTES = 512 * 1024;
const CLOSE_TIMEOUT_MS = 3000;
/**
 * Records held per broker at least, whatever --max-in-flight × --batch-size says: with one batch
 * in flight per partition, the next request's batches can only form from what is held while the
 * broker works on this one (the Java client holds up to buffer.memory, 32 MiB).
 */
const MIN_FLOWING_BYTES = 4 * 1024 * 1024;
/** New topics get their leaders within a few seconds; the run starts anyway after this. */
const LEADERS_WAIT_MS = 30_000;

export class KafkaSink {
  readonly kind = "kafka";
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly health = new BrokerHealth();
  private readonly sockets = new SocketRegistry();
  private readonly transport: BrokerTransport;
  private readonly sender: Sender;
  /** The sender batches per partition: the engine hands records over as they are made. */
  readonly batches = true;

  constructor(private readonly settings: KafkaSinkSettings) {
    registerCodecs();
    installKafkajsFixes();
    const config = clientConfig(settings);
    this.kafka = new kafkajs.Kafka({ ...config, socketFactory: this.sockets.factory });
    this.admin = this.kafka.admin({ retry: { retries: 3 } });
    this.transport = new BrokerTransport(settings.brokers, {
      clientId: settings.clientId,
      ssl: typeof config.ssl === "object" ? (config.ssl as ConnectionOptions) : undefined,
      sasl: config.sasl as SaslConfig | undefined,
      connectTimeoutMs: settings.connectionTimeoutMs,
      requestTimeoutMs: settings.requestTimeoutMs,
      // As kafkajs did: the sender's watchdog moves on after METADATA_TIMEOUT_MS, the request lives on.
      controlTimeoutMs: settings.requestTimeoutMs,
    });
    this.sender = new Sender(this.transport, systemProducerClock, this.health, {
      acks: settings.idempotent ? -1 : settings.acks,
      codec: CODEC_ID[settings.compression],
      requestTimeoutMs: settings.requestTimeoutMs,
      deliveryTimeoutMs: settings.deliveryTimeoutMs,
      metadataTimeoutMs: Math.min(settings.requestTimeoutMs, METADATA_TIMEOUT_MS),
      maxAttempts: settings.retries + 1,
      batchBytes: settings.batchSize,
      lingerMs: settings.lingerMs,
      maxBatchBytes: MAX_BATCH_BYTES,
      partitioner: partitioners[settings.partitioner](),
      idempotent: settings.idempotent,
    });
  }

  /** Told once per broker state change (down, unresponsive, back). */
  /** Told of each acked batch's offsets (see AckedOffsetsListener). */
  set onAcked(listener: AckedOffsetsListener) {
    this.sender.onAcked = listener;
  }

  set onEvent(listener: (message: string) => void) {
    this.health.onChange = listener;
  }

  brokerStates(): readonly BrokerStatus[] {
    return this.health.list();
  }

  async connect(onState: (state: KafkaConnectionState, detail?: string) => void): Promise<void> {
    const started = Date.now();
    let delay = 250;
    for (let attempt = 1; ; attempt++) {
      onState(attempt === 1 ? "connecting" : "retrying");
      try {
        // A metadata answer proves the listener speaks what this client expects (TLS, SASL).
        await this.transport.metadata([], () => true);
        await this.admin.connect();
        await this.admin.listTopics();
        onState("connected");
        return;
      } catch (error) {
        const { code, message } = classifyError(error);
        const elapsed = Date.now() - started;
        if (code === "SASL_AUTHENTICATION_FAILED" || elapsed + delay > this.settings.connectTimeoutMs) {
          onState("failed", message);
          throw new Error(
            connectFailure({
              brokers: this.settings.brokers,
              code,
              message,
              attempts: attempt,
              elapsedMs: elapsed,
              sasl: this.settings.sasl,
            }),
          );
        }
        onState("retrying", `attempt ${attempt} failed (${message}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  async prepareTopics(names: readonly string[]): Promise<string[]> {
    try {
      const notes = await ensureTopics(this.admin, names, this.settings.partitions, this.settings.replicationFactor);
      await this.waitForLeaders(names);
      return notes;
    } finally {
      await this.admin.disconnect().catch(() => undefined);
    }
  }

  /** Until every partition of `names` has a leader (new topics need a moment), at most LEADERS_WAIT_MS. */
  private async waitForLeaders(names: readonly string[]): Promise<void> {
    const until = Date.now() + LEADERS_WAIT_MS;
    for (;;) {
      await this.sender.refresh(names);
      const ready = names.every((n) => {
        const layout = this.sender.leaders.layout(n);
        return (
          layout !== undefined &&
          layout.errorCode === 0 &&
          layout.leaders.length > 0 &&
          layout.leaders.every((l) => l >= 0)
        );
      });
      if (ready || Date.now() >= until) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Resolves when every record is acked or failed; the failures say which and why. */
  send(topic: string, records: ProduceRecord[], report?: PartReporter): Promise<PartialFailure[]> {
    return this.sender.send(topic, records, report);
  }

  /** The run is ending: what is batched goes out without waiting for --linger-ms. */
  flush(): void {
    this.sender.flush();
  }

  /**
   * Room for another send (see PartitionSender.accepts): the budget is per broker, like the Java
   * client's requests in flight per connection, so acks=all on a cluster is not held to one broker's share.
   */
  accepts(flowingBytes: number): boolean {
    return this.sender.accepts(Math.max(flowingBytes, MIN_FLOWING_BYTES) * this.transport.brokerCount());
  }

  /** Stops sending and closes the connections; a broker that does not answer is not waited for. */
  async close(): Promise<void> {
    this.sender.close();
    this.transport.close();
    await within(systemProducerClock, this.admin.disconnect(), CLOSE_TIMEOUT_MS, "disconnect").catch(() => undefined);
    // Requests queued before the close still reconnect inside kafkajs: nothing may outlive this.
    this.sockets.closeAll();
  }
}
