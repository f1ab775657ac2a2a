/** Maps surge's settings to a kafkajs client config (brokers, TLS, SASL); secrets stay inside. */
import { readFileSync } from "node:fs";
import kafkajs from "kafkajs";
import type { KafkaConfig, SASLOptions } from "kafkajs";

export interface ClientSettings {
  brokers: readonly string[];
  clientId: string;
  ssl?: { caFile?: string; rejectUnauthorized: boolean };
  sasl?: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string };
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
}

export function clientConfig(s: ClientSettings): KafkaConfig {
  const config: KafkaConfig = {
    brokers: [...s.brokers],
    clientId: s.clientId,
    logLevel: kafkajs.logLevel.NOTHING,
    connectionTimeout: s.connectionTimeoutMs,
    requestTimeout: s.requestTimeoutMs,
    // surge runs its own connect backoff so it can report each attempt.
    retry: { retries: 0 },
  };
  if (s.ssl) {
    config.ssl = s.ssl.caFile
      ? { ca: [readFileSync(s.ssl.caFile, "utf8")], rejectUnauthorized: s.ssl.rejectUnauthorized }
      : { rejectUnauthorized: s.ssl.rejectUnauthorized };
  }
  if (s.sasl) config.sasl = { mechanism: s.sasl.mechanism, username: s.sasl.username, password: s.sasl.password } as SASLOptions;
  return config;
}
