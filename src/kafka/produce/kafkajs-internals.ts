/**
 * kafkajs's cluster of broker connections (TLS, SASL, ApiVersions, correlation ids), reached
 * through its private createCluster: verify's and --e2e's readers still send their Fetch requests
 * over it (the producer has its own connections: src/kafka/connection). Every request body and
 * answer is surge's own (src/kafka/protocol).
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
