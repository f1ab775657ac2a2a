/**
 * The reading side's Kafka client: same brokers/TLS/SASL mapping and codecs as the producer, an
 * admin connection proven by a metadata request, retried with backoff until --connect-timeout.
 */
import kafkajs from "kafkajs";
import type { Admin, Kafka } from "kafkajs";
import { clientConfig } from "../kafka/client-config.ts";
import { connectFailure } from "../kafka/connect-failure.ts";
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
  return new kafkajs.Kafka(
    clientConfig({
      brokers: s.brokers,
      clientId: s.clientId,
      ...(s.security.ssl ? { ssl: s.security.ssl } : {}),
      ...(s.security.sasl ? { sasl: s.security.sasl } : {}),
      connectionTimeoutMs: 3000,
      requestTimeoutMs: 30_000,
    }),
  );
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
        throw new VerifyFailure(
          connectFailure({
            brokers: s.brokers,
            code,
            message,
            attempts: attempt,
            elapsedMs: elapsed,
            sasl: s.security.sasl,
          }),
        );
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 5000);
    }
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
