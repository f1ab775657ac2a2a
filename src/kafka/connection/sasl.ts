/**
 * SASL over a new connection (SaslHandshake v1, then SaslAuthenticate v1 rounds): PLAIN,
 * SCRAM-SHA-256/512 (RFC 5802/7677, the server's signature checked) and OAUTHBEARER (RFC 7628,
 * KIP-255). The config has kafkajs's shape, so one settings object serves both clients.
 * No error quotes a password or a token.
 */
import { saslFailure as failure } from "./errors.ts";
import { scramClient } from "./scram.ts";
import { Reader } from "../protocol/reader.ts";
import { Writer } from "../protocol/writer.ts";
import { errorOfCode } from "../protocol/error-codes.ts";

export type SaslConfig =
  | { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string }
  | { mechanism: "oauthbearer"; oauthBearerProvider: () => Promise<{ value: string }> };

const HANDSHAKE_KEY = 17;
const AUTHENTICATE_KEY = 36;

/** The part of a connection SASL needs: requests before the connection counts as ready. */
export interface SaslChannel {
  readonly address: string;
  request(
    apiKey: number,
    version: number,
    body: Buffer,
    options: { beforeReady: boolean },
  ): Promise<Buffer | undefined>;
}

export async function authenticate(connection: SaslChannel, sasl: SaslConfig): Promise<void> {
  const mechanism = sasl.mechanism.toUpperCase();
  const shake = new Reader((await send(connection, HANDSHAKE_KEY, stringBody(mechanism)))!);
  const code = shake.int16();
  const offered = shake.array((r) => r.string());
  if (code !== 0)
    throw failure(
      `the broker at ${connection.address} does not take SASL ${mechanism} (it offers ${offered.join(", ") || "none"})`,
    );
  if (sasl.mechanism === "plain") {
    await round(connection, mechanism, Buffer.from(`\u0000${sasl.username}\u0000${sasl.password}`, "utf8"));
    return;
  }
  if (sasl.mechanism === "oauthbearer") {
    const { value } = await sasl.oauthBearerProvider();
    const answer = await round(connection, mechanism, Buffer.from(`n,,\u0001auth=Bearer ${value}\u0001\u0001`, "utf8"));
    // A refusal comes back as a JSON challenge; the client acknowledges it and the broker fails.
    if (answer.length > 0) {
      const status = /"status"\s*:\s*"([^"]+)"/.exec(answer.toString("utf8"))?.[1] ?? "refused";
      await round(connection, mechanism, Buffer.from([1])).catch(() => undefined);
      throw failure(`SASL OAUTHBEARER: the broker at ${connection.address} refused the token (${status})`);
    }
    return;
  }
  const scram = scramClient(sasl.mechanism, sasl.username, sasl.password);
  const serverFirst = await round(connection, mechanism, scram.first());
  const serverFinal = await round(connection, mechanism, scram.final(serverFirst));
  scram.check(serverFinal);
}

async function round(connection: SaslChannel, mechanism: string, auth: Buffer): Promise<Buffer> {
  const w = new Writer(Buffer.allocUnsafe(4 + auth.length));
  w.int32(auth.length);
  w.bytes(auth);
  const r = new Reader((await send(connection, AUTHENTICATE_KEY, w.buf))!);
  const code = r.int16();
  const message = r.nullableString();
  if (code !== 0) {
    const name = errorOfCode(code).type;
    throw failure(`SASL ${mechanism} authentication failed: ${message ?? name}`);
  }
  const length = r.int32();
  return length > 0 ? r.bytes(length) : Buffer.alloc(0);
}

function send(connection: SaslChannel, apiKey: number, body: Buffer): Promise<Buffer | undefined> {
  return connection.request(apiKey, 1, body, { beforeReady: true });
}

function stringBody(s: string): Buffer {
  const w = new Writer(Buffer.allocUnsafe(2 + Buffer.byteLength(s)));
  w.string(s);
  return w.buf;
}
