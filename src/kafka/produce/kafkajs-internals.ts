/**
 * The parts of kafkajs (2.2.4, unmaintained) surge's producer builds on: its cluster (connections,
 * SASL, TLS, version negotiation) and its request encoders, with answers decoded but not judged,
 * so that one partition's error never hides another partition's result.
 */
import type { Kafka } from "kafkajs";
// @ts-expect-error kafkajs ships no types for its internal modules.
import apiKeysModule from "kafkajs/src/protocol/requests/apiKeys.js";
// @ts-expect-error kafkajs ships no types for its internal modules.
import requestsModule from "kafkajs/src/protocol/requests/index.js";
// @ts-expect-error kafkajs ships no types for its internal modules.
import errorModule from "kafkajs/src/protocol/error.js";
// @ts-expect-error kafkajs ships no types for its internal modules.
import LongModule from "kafkajs/src/utils/long.js";

export interface ProtocolRequest {
  request: unknown;
  response: { decode(raw: Buffer): Promise<unknown>; parse(decoded: unknown): Promise<unknown> };
}

interface ConnectionLike {
  socket?: { destroy(): void; unref(): void; resetAndDestroy?(): void; removeAllListeners?(): void; on?(event: "error", f: () => void): void };
  requestQueue?: { destroy(): void; rejectAll?(error: Error): void };
  connectionStatus?: string;
  chunks?: Buffer[];
  bytesBuffered?: number;
  bytesNeeded?: number;
  authenticatedAt?: unknown;
}

export interface BrokerLike {
  nodeId?: number;
  versions: unknown;
  connectionPool: { host: string; port: number; pool?: ConnectionLike[]; send(request: ProtocolRequest): Promise<unknown> };
  lookupRequest(apiKey: number, definition: unknown): (args: Record<string, unknown>) => ProtocolRequest;
  isConnected(): boolean;
  disconnect(): Promise<void>;
}

export interface ClusterLike {
  brokerPool: { brokers: Record<string, BrokerLike>; seedBroker?: BrokerLike; refreshMetadata(topics: string[]): Promise<void> };
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findBroker(query: { nodeId: number | string }): Promise<BrokerLike>;
}

const apiKeys = apiKeysModule as Record<string, number>;
const { requests } = requestsModule as { requests: Record<string, unknown> };
const errors = errorModule as { errorCodes: Array<{ type: string; code: number; retriable: boolean; message: string }> };

/** A kafkajs cluster of its own (not the one a kafkajs Producer hides). */
export function createCluster(kafka: Kafka): ClusterLike {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === "private:Kafka:createCluster");
  const create = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof create !== "function") throw new Error("kafkajs internals changed: no createCluster on the client");
  return create({ allowAutoTopicCreation: false, metadataMaxAge: 300_000 }) as ClusterLike;
}

/** Sends `api` with `args` to `broker`; resolves with the decoded answer, error codes included. */
export async function sendDecoded(broker: BrokerLike, api: "Produce" | "Metadata" | "InitProducerId", args: Record<string, unknown>): Promise<unknown> {
  const { request, response } = broker.lookupRequest(apiKeys[api] ?? -1, requests[api])(args);
  return broker.connectionPool.send({ request, response: { decode: (raw) => response.decode(raw), parse: async (d) => d } });
}

/**
 * Drops every connection of the cluster at once. kafkajs's disconnect waits for each pending
 * request's answer, which a frozen broker never sends (the process would live on for its timeouts).
 */
export function dropConnections(cluster: ClusterLike): void {
  const { brokers, seedBroker } = cluster.brokerPool;
  for (const broker of [...Object.values(brokers), ...(seedBroker ? [seedBroker] : [])]) {
    for (const connection of broker.connectionPool.pool ?? []) {
      connection.requestQueue?.destroy();
      connection.socket?.destroy();
      connection.socket?.unref();
    }
  }
}

/**
 * Closes every connection to one broker, as the Java client does on a request timeout
 * (NetworkClient disconnects the node): a request surge gave up on must not reach the broker
 * later. A TCP reset discards what the kernel still holds to send (a plain close would keep
 * retransmitting it, and a cut network that heals would deliver it); TLS sockets, which cannot be
 * reset, are destroyed. Requests pending on them fail as a closed connection; the next request
 * connects anew (kafkajs's own disconnect would wait for their answers first).
 */
export function resetConnections(broker: BrokerLike, why: string): void {
  for (const connection of broker.connectionPool.pool ?? []) {
    const socket = connection.socket;
    if (!socket || connection.connectionStatus === "disconnected") continue;
    connection.connectionStatus = "disconnected";
    connection.authenticatedAt = null;
    // A half-read answer must not be taken for the start of the next connection's first one.
    connection.chunks = [];
    connection.bytesBuffered = 0;
    connection.bytesNeeded = 4;
    const error = Object.assign(new Error(`connection to ${broker.connectionPool.host}:${broker.connectionPool.port} closed: ${why}`), {
      name: "KafkaJSConnectionClosedError", retriable: true,
    });
    connection.requestQueue?.rejectAll?.(error);
    // The old socket's late events must not reach kafkajs, which would close the new connection.
    socket.removeAllListeners?.();
    socket.on?.("error", () => undefined);
    try {
      if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
      else socket.destroy();
    } catch {
      socket.destroy(); // a TLS socket has no TCP handle of its own to reset
    }
    socket.unref();
  }
}

export interface KafkaErrorCode {
  type: string;
  retriable: boolean;
  message: string;
}

export function errorOfCode(code: number): KafkaErrorCode {
  const known = errors.errorCodes.find((e) => e.code === code);
  return known ?? { type: `KAFKA_ERROR_${code}`, retriable: false, message: `the broker answered error code ${code}` };
}

/** kafkajs's 64-bit integer type, which its produce request expects for the producer id. */
export function producerIdLong(id: string): unknown {
  return (LongModule as { fromString(s: string): unknown }).fromString(id);
}
