/**
 * The reading side's Kafka client: same brokers/TLS/SASL mapping and codecs as the producer, an
 * admin connection proven by a metadata request, retried with backoff until --connect-timeout.
 */
import kafkajs from "kafkajs";
import type { Admin, Kafka } from "kafkajs";
import { clientConfig, oauthRefusalHint } from "../kafka/client-config.ts";
import { classifyError } from "../kafka/classify-error.ts";
import { registerCodecs } from "../kafka/codecs/index.ts";
import { installKafkajsFixes } from "../kafka/kafkajs-fixes.ts";
import type { VerifySettings } from "./settings.ts";

/** A failure verify reports in one line (exit 1): broker unreachable, unknown run, timeout. */
export class VerifyFailure extends Error {
  override readonly name = "VerifyFailure";
}

export function createKafka(s: VerifySettings): Kafka {
  registerCodecs();
  installKafkajsFixes();
  return new kafkajs.Kafka(clientConfig({
    brokers: s.brokers,
    clientId: s.clientId,
    ...(s.security.ssl ? { ssl: s.security.ssl } : {}),
    ...(s.security.sasl ? { sasl: s.security.sasl } : {}),
    connectionTimeoutMs: 3000,
    requestTimeoutMs: 30_000,
  }));
}

export async function connectAdmin(kafka: Kafka, s: VerifySettings, sleep = defaultSleep): Promise<Admin> {
  const started = Date.now();
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    const admin = kafka.admin({ retry: { retries: 3 } });
    try {
      await admin.connect();
      await admin.listTopics();
      return admin;
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      const { code, message } = classifyError(error);
      const elapsed = Date.now() - started;
      if (code === "SASL_AUTHENTICATION_FAILED" || elapsed + delay > s.connectTimeoutMs) {
        const oauth = oauthRefusalHint(s.security.sasl);
        throw new VerifyFailure(failure(s.brokers, code, message, attempt, elapsed) + (oauth ? `; ${oauth}` : ""));
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 5000);
    }
  }
}

function failure(brokers: readonly string[], code: string, message: string, attempts: number, ms: number): string {
  const where = brokers.join(",");
  if (code === "SASL_AUTHENTICATION_FAILED") {
    return `authentication to Kafka at ${where} failed: ${message}; check --sasl-mechanism, --sasl-username and SURGE_SASL_PASSWORD`;
  }
  return `cannot connect to Kafka at ${where} after ${attempts} attempt${attempts > 1 ? "s" : ""} over ${(ms / 1000).toFixed(1)} s: ` +
    `${message}; check --brokers (or KAFKA_BROKERS) and --connect-timeout`;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
