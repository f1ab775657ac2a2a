/** Maps surge's settings to a kafkajs client config (brokers, TLS, SASL); secrets stay inside. */
import { readFileSync } from "node:fs";
import kafkajs from "kafkajs";
import type { KafkaConfig, SASLOptions } from "kafkajs";
import type { SaslSettings, SecuritySettings } from "../config/types.ts";
import { oauthTokenProvider } from "./oauth-token.ts";

export interface ClientSettings {
  brokers: readonly string[];
  clientId: string;
  ssl?: SecuritySettings["ssl"];
  sasl?: SaslSettings;
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
    const { caFile, certFile, keyFile, rejectUnauthorized } = s.ssl;
    config.ssl = {
      rejectUnauthorized,
      ...(caFile ? { ca: [readFileSync(caFile, "utf8")] } : {}),
      ...(certFile && keyFile ? { cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8") } : {}),
    };
  }
  if (s.sasl) config.sasl = saslOptions(s.sasl);
  return config;
}

function saslOptions(sasl: SaslSettings): SASLOptions {
  if (sasl.mechanism === "oauthbearer")
    return { mechanism: "oauthbearer", oauthBearerProvider: oauthTokenProvider(sasl.token) };
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions;
}

/**
 * kafkajs takes a broker's OAUTHBEARER refusal (an `invalid_token` status in a successful
 * SaslAuthenticate answer) for success, and the broker then closes the connection: all a caller
 * sees is a lost connection. Under oauthbearer, say what that most likely means.
 */
export function oauthRefusalHint(sasl: SaslSettings | undefined): string | undefined {
  if (sasl?.mechanism !== "oauthbearer") return undefined;
  const source = "file" in sasl.token ? "--sasl-oauth-token-file" : "--sasl-oauth-token-command";
  return `if the broker closed the connection after authenticating, it refused the OAuth token: check the token from ${source} (not expired, the audience and scope the broker expects)`;
}
