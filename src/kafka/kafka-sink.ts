/**
 * The producer side of surge: kafkajs with the acks, compression, partitioner and retries asked
 * for, an initial connect with exponential backoff, and errors classified by the broker's name.
 */
import kafkajs from "kafkajs";
import type { Admin, Kafka, Producer } from "kafkajs";
import { clientConfig } from "./client-config.ts";
import type { ClientSettings } from "./client-config.ts";
import { classifyError, KafkaDeliveryError } from "./classify-error.ts";
import { registerCodecs } from "./codecs/index.ts";
import { installKafkajsFixes } from "./kafkajs-fixes.ts";
import { partitioners } from "./partitioners.ts";
import { ensureTopics } from "./topics.ts";

export type KafkaConnectionState = "connecting" | "connected" | "retrying" | "failed" | "closed";

export interface KafkaSinkSettings extends ClientSettings {
  acks: 0 | 1 | -1;
  compression: "none" | "gzip" | "snappy" | "lz4" | "zstd";
  partitioner: "murmur2" | "fnv1a" | "round-robin";
  retries: number;
  partitions: number;
  /** Of topics surge creates; undefined: min(3, brokers). */
  replicationFactor?: number;
  /** Give up connecting after this long (attempts back off exponentially up to it). */
  connectTimeoutMs: number;
}

interface Message {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

const { CompressionTypes } = kafkajs;
const COMPRESSION = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
} as const;

export class KafkaSink {
  readonly kind = "kafka";
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly compression: number;
  private readonly admin: Admin;

  constructor(private readonly settings: KafkaSinkSettings) {
    registerCodecs();
    installKafkajsFixes();
    this.kafka = new kafkajs.Kafka(clientConfig(settings));
    this.producer = this.kafka.producer({
      createPartitioner: partitioners[settings.partitioner],
      allowAutoTopicCreation: false,
      retry: { retries: settings.retries, initialRetryTime: 100, maxRetryTime: 2000 },
    });
    this.compression = COMPRESSION[settings.compression];
    this.admin = this.kafka.admin({ retry: { retries: 3 } });
  }

  async connect(onState: (state: KafkaConnectionState, detail?: string) => void): Promise<void> {
    const started = Date.now();
    let delay = 250;
    for (let attempt = 1; ; attempt++) {
      onState(attempt === 1 ? "connecting" : "retrying");
      try {
        await this.producer.connect();
        // connect() only exchanges ApiVersions, which a SASL or TLS port also answers; the first
        // metadata request is what proves this client speaks what the listener expects.
        await this.admin.connect();
        await this.admin.listTopics();
        onState("connected");
        return;
      } catch (error) {
        const { code, message } = classifyError(error);
        const elapsed = Date.now() - started;
        if (code === "SASL_AUTHENTICATION_FAILED" || elapsed + delay > this.settings.connectTimeoutMs) {
          onState("failed", message);
          throw new Error(connectFailure(this.settings.brokers, code, message, attempt, elapsed));
        }
        onState("retrying", `attempt ${attempt} failed (${message}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  async prepareTopics(names: readonly string[]): Promise<string[]> {
    try {
      return await ensureTopics(this.admin, names, this.settings.partitions, this.settings.replicationFactor);
    } finally {
      await this.admin.disconnect().catch(() => undefined);
    }
  }

  async send(topic: string, messages: Message[]): Promise<void> {
    try {
      await this.producer.send({ topic, messages, acks: this.settings.acks, compression: this.compression });
    } catch (error) {
      const { code, message } = classifyError(error);
      throw new KafkaDeliveryError(code, message);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

function connectFailure(brokers: readonly string[], code: string, message: string, attempts: number, ms: number): string {
  const where = brokers.join(",");
  if (code === "SASL_AUTHENTICATION_FAILED") {
    return `authentication to Kafka at ${where} failed: ${message}; check --sasl-mechanism, --sasl-username and SURGE_SASL_PASSWORD`;
  }
  const hint = code === "CONNECTION_CLOSED"
    ? "the broker closed the connection at the first request: does this listener expect SASL (--sasl-mechanism) or TLS (--ssl)?"
    : "check --brokers (or KAFKA_BROKERS) and that the broker is running (npm run kafka:up starts a local one)";
  return `cannot connect to Kafka at ${where} after ${attempts} attempts over ${(ms / 1000).toFixed(1)} s: ${message}; ${hint}`;
}
