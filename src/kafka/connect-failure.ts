/** The one line surge prints when it cannot reach or log in to the brokers: the same for runs and verify. */
import type { SaslSettings } from "../config/types.ts";
import { oauthRefusalHint } from "./client-config.ts";

export interface ConnectAttempts {
  brokers: readonly string[];
  /** classifyError's code of the last attempt. */
  code: string;
  message: string;
  attempts: number;
  elapsedMs: number;
  sasl?: SaslSettings | undefined;
}

export function connectFailure(a: ConnectAttempts): string {
  const where = a.brokers.join(",");
  if (a.code === "SASL_AUTHENTICATION_FAILED") {
    const check =
      a.sasl?.mechanism === "oauthbearer"
        ? (oauthRefusalHint(a.sasl) ?? "")
        : "check --sasl-mechanism, --sasl-username and SURGE_SASL_PASSWORD";
    return `authentication to Kafka at ${where} failed: ${a.message}; ${check}`;
  }
  const hint =
    a.code === "CONNECTION_CLOSED"
      ? "the broker closed the connection at the first request: does this listener expect SASL (--sasl-mechanism) or TLS (--ssl)?"
      : "check --brokers (or KAFKA_BROKERS), --connect-timeout, and that the broker is running (npm run kafka:up starts a local one)";
  // kafkajs takes a broker's OAUTHBEARER refusal for success; the next request then finds the connection closed.
  const oauth = oauthRefusalHint(a.sasl);
  const tries = `${a.attempts} attempt${a.attempts > 1 ? "s" : ""}`;
  return `cannot connect to Kafka at ${where} after ${tries} over ${(a.elapsedMs / 1000).toFixed(1)} s: ${a.message}; ${hint}${oauth ? `; ${oauth}` : ""}`;
}
