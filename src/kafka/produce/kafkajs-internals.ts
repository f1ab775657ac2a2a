/**
 * The one part of kafkajs (2.2.4, unmaintained) surge's producer still builds on: its cluster of
 * broker connections (TLS, SASL, ApiVersions, correlation ids), reached through kafkajs's private
 * createCluster. Every request body and answer is surge's own (src/kafka/protocol).
 */
import type { Kafka } from "kafkajs";

export interface RawRequest {
  request: {
    apiKey: number;
    apiVersion: number;
    apiName: string;
    expectResponse(): boolean;
    encode(): Promise<{ buf: Buffer; offset: number; buffer: Buffer }>;
  };
  response: { decode(raw: Buffer): Promise<Buffer>; parse(decoded: Buffer): Promise<Buffer> };
}

export interface ConnectionLike {
  socket?: {
    destroy(): void;
    unref(): void;
    resetAndDestroy?(): void;
    removeAllListeners?(): void;
    on?(event: "error", f: () => void): void;
  };
  requestQueue?: { destroy(): void };
  connectionStatus?: string;
  authenticatedAt?: unknown;
  rejectRequests?(error: Error): void;
}

export interface BrokerLike {
  nodeId?: number;
  versions?: Record<string, { minVersion: number; maxVersion: number }>;
  connectionPool: { host: string; port: number; pool?: ConnectionLike[]; send(request: RawRequest): Promise<unknown> };
  isConnected(): boolean;
}

export interface ClusterLike {
  brokerPool: {
    brokers: Record<string, BrokerLike>;
    seedBroker?: BrokerLike;
    refreshMetadata(topics: string[]): Promise<void>;
  };
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findBroker(query: { nodeId: number | string }): Promise<BrokerLike>;
}

/** A kafkajs cluster of its own (not the one a kafkajs Producer hides). */
export function createCluster(kafka: Kafka): ClusterLike {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === "private:Kafka:createCluster");
  const create = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof create !== "function") throw new Error("kafkajs internals changed: no createCluster on the client");
  return create({ allowAutoTopicCreation: false, metadataMaxAge: 300_000 }) as ClusterLike;
}

/** Sends a body surge encoded; resolves with the answer's body (after the correlation id), undefined when none is expected. */
export async function sendRaw(
  broker: BrokerLike,
  apiKey: number,
  apiVersion: number,
  apiName: string,
  body: Buffer,
  expectResponse = true,
): Promise<Buffer | undefined> {
  const encoded = { buf: body, offset: body.length, buffer: body };
  const answer = await broker.connectionPool.send({
    request: { apiKey, apiVersion, apiName, expectResponse: () => expectResponse, encode: async () => encoded },
    response: { decode: async (raw) => raw, parse: async (raw) => raw },
  });
  return answer as Buffer | undefined;
}

/**
 * Closes a broker's connections at once, failing what is pending on them. kafkajs's own
 * disconnect waits for every pending answer, which a frozen broker never sends.
 */
export function closeConnections(broker: BrokerLike, why: string): void {
  for (const connection of broker.connectionPool.pool ?? []) {
    if (!connection.socket) continue;
    const error = Object.assign(new Error(why), { name: "KafkaJSConnectionClosedError", retriable: true });
    connection.rejectRequests?.(error);
    connection.connectionStatus = "disconnected";
    connection.authenticatedAt = null;
    // A half-read answer must not be taken for the start of the next connection's first one.
    Object.assign(connection, { chunks: [], bytesBuffered: 0, bytesNeeded: 4 });
    resetSocket(connection.socket);
  }
}

/**
 * A TCP reset discards what the kernel still holds to send: a plain close keeps retransmitting
 * it, and a network cut that heals would deliver the request surge gave up on (issue 21). TLS
 * sockets, which cannot be reset, are destroyed. The old socket's late events must not reach
 * kafkajs, which would close the new connection.
 */
function resetSocket(socket: NonNullable<ConnectionLike["socket"]>): void {
  socket.removeAllListeners?.();
  socket.on?.("error", () => undefined);
  try {
    if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
    else socket.destroy();
  } catch {
    socket.destroy();
  }
  socket.unref();
}

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
