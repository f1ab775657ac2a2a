/**
 * Reads partitions from a start offset up to the high watermark each had when reading began, with
 * surge's own Fetch requests: several requests in flight per broker (partitions split between
 * READERS workers), megabytes per partition per request, records handed over as byte views. No
 * consumer group, nothing committed, nothing left behind on the cluster.
 */
import type { Admin, Kafka } from "kafkajs";
import { classifyError } from "../../kafka/classify-error.ts";
import { createCluster, type ClusterLike } from "../../kafka/produce/kafkajs-internals.ts";
import { errorOfCode } from "../../kafka/protocol/error-codes.ts";
import { VerifyFailure } from "../connect.ts";
import { isTransient, type Patience } from "../retry.ts";
import { decodeFetchV4, eachRecord, type RecordView } from "../../kafka/protocol/fetch-response.ts";
import { fetchRequest } from "../../kafka/protocol/fetch-request.ts";

export interface PartitionSpan {
  topic: string;
  partition: number;
  /** First offset to read (the log start, or the start of a --since window). */
  low: number;
  /** Offset of the next record to be written when reading began (or the end of a window). */
  high: number;
}

/** Pulled by the front end on its own timer. */
export interface ReadProgress {
  read: number;
  total: number;
}

export type RecordHandler = (topic: string, partition: number, view: RecordView) => void;

export interface ReadOptions {
  progress: ReadProgress;
  /** Retries of transient broker errors and the deadline (--timeout). */
  patience: Patience;
}

/** Concurrent fetch loops (each over its share of the partitions). */
const READERS = 4;
const PARTITION_BYTES = 4 * 1024 * 1024;
const REQUEST_BYTES = 16 * 1024 * 1024;
const MAX_WAIT_MS = 500;
const OFFSET_OUT_OF_RANGE = 1;

interface Cursor extends PartitionSpan {
  next: number;
}

interface Cluster extends ClusterLike {
  findTopicPartitionMetadata(topic: string): Array<{ partitionId: number; leader: number }>;
}

/**
 * Reads every span; resolves to the new log start of partitions whose log start passed the
 * reader while it read (retention deleted records meanwhile), by "topic/partition".
 */
export async function readPartitions(
  kafka: Kafka,
  admin: Admin,
  spans: readonly PartitionSpan[],
  onRecord: RecordHandler,
  o: ReadOptions,
): Promise<Map<string, number>> {
  const cursors: Cursor[] = spans.filter((s) => s.high > s.low).map((s) => ({ ...s, next: s.low }));
  const readFrom = new Map<string, number>();
  o.progress.total += cursors.reduce((sum, c) => sum + (c.high - c.low), 0);
  if (cursors.length === 0) return readFrom;
  const cluster = createCluster(kafka) as Cluster;
  const topics = [...new Set(cursors.map((c) => c.topic))];
  const refresh = (): Promise<void> => cluster.brokerPool.refreshMetadata(topics);
  try {
    await retrying("connecting to read", o.patience, async () => {
      await cluster.connect();
      await refresh();
    });
    const shares: Cursor[][] = Array.from({ length: Math.min(READERS, cursors.length) }, () => []);
    cursors.forEach((c, i) => shares[i % shares.length]!.push(c));
    const ctx: Context = { cluster, admin, refresh, onRecord, o, readFrom, connecting: new Map() };
    await Promise.all(shares.map((share) => readShare(ctx, share)));
    return readFrom;
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}

interface Context {
  cluster: Cluster;
  admin: Admin;
  refresh: () => Promise<void>;
  onRecord: RecordHandler;
  o: ReadOptions;
  readFrom: Map<string, number>;
  /** The last connect of each broker's fetch connection (see connectionFor). */
  connecting: Map<number, Promise<unknown>>;
}

/** One reader: fetches its partitions (one request per leader) until each reached its high watermark. */
async function readShare(ctx: Context, share: Cursor[]): Promise<void> {
  let open = share.filter((c) => c.next < c.high);
  const p = ctx.o.patience;
  while (open.length > 0) {
    if (p.now() >= p.deadlineMs) {
      throw new VerifyFailure(
        `gave up: timed out after ${p.timeoutMs / 1000} s having read ${ctx.o.progress.read} of ${ctx.o.progress.total} records; ` +
          "no verdict (raise --timeout)",
      );
    }
    const byLeader = new Map<number, Cursor[]>();
    for (const c of open) {
      const leader =
        ctx.cluster.findTopicPartitionMetadata(c.topic).find((p) => p.partitionId === c.partition)?.leader ?? -1;
      const list = byLeader.get(leader);
      if (list) list.push(c);
      else byLeader.set(leader, [c]);
    }
    await retrying(
      "reading the records",
      ctx.o.patience,
      async () => {
        if (byLeader.has(-1)) {
          await ctx.refresh();
          throw Object.assign(new Error("no leader known for some partitions"), { retriable: true });
        }
        await Promise.all([...byLeader].map(([leader, cursors]) => fetchOnce(ctx, leader, cursors)));
      },
      ctx.refresh,
    );
    open = open.filter((c) => c.next < c.high);
  }
}

async function fetchOnce(ctx: Context, leader: number, cursors: Cursor[]): Promise<void> {
  const byTopic = new Map<string, Cursor[]>();
  for (const c of cursors) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
  const broker = await ctx.cluster.findBroker({ nodeId: leader });
  const { request, response } = fetchRequest({
    maxWaitMs: MAX_WAIT_MS,
    maxBytes: REQUEST_BYTES,
    topics: [...byTopic].map(([topic, list]) => ({
      topic,
      partitions: list.map((c) => ({ partition: c.partition, offset: c.next, maxBytes: PARTITION_BYTES })),
    })),
  });
  const connection = await connectionFor(ctx, leader, broker, request);
  const payload = (await connection.send({ request, response, requestTimeout: 30_000 })) as Buffer;
  let retry: Error | undefined;
  for (const answer of decodeFetchV4(payload)) {
    const c = byTopic.get(answer.topic)?.find((x) => x.partition === answer.partition);
    if (!c) continue;
    if (answer.errorCode === OFFSET_OUT_OF_RANGE) {
      await restartAtLogStart(ctx, c);
      continue;
    }
    if (answer.errorCode !== 0) {
      const e = errorOfCode(answer.errorCode);
      if (!e.retriable) throw new VerifyFailure(`reading ${c.topic}-${c.partition} failed: ${e.type} (${e.message})`);
      retry = Object.assign(new Error(`${e.type} on ${c.topic}-${c.partition}`), { retriable: true, type: e.type });
      continue;
    }
    if (!answer.records) continue;
    let count = 0;
    const next = await eachRecord(answer.records, c.next, c.high, (view) => {
      count++;
      ctx.onRecord(c.topic, c.partition, view);
    });
    ctx.o.progress.read += count;
    c.next = next;
  }
  if (retry) throw retry;
}

interface Connection {
  send(r: unknown): Promise<unknown>;
}

/**
 * The broker's fetch connection, connected one caller at a time: kafkajs connects a connection
 * once per concurrent caller and keeps only the last socket, and the others would keep the
 * process alive after verify is done.
 */
function connectionFor(ctx: Context, leader: number, broker: unknown, request: unknown): Promise<Connection> {
  const pool = (broker as { connectionPool: { getConnectionByRequest(r: unknown): Promise<Connection> } })
    .connectionPool;
  const before = ctx.connecting.get(leader) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => pool.getConnectionByRequest({ request }));
  ctx.connecting.set(leader, mine);
  return mine;
}

/** The log start moved past where verify was (retention deleted records meanwhile): go on from there. */
async function restartAtLogStart(ctx: Context, c: Cursor): Promise<void> {
  const low = Number(
    (await ctx.admin.fetchTopicOffsets(c.topic)).find((o) => o.partition === c.partition)?.low ?? c.next,
  );
  const key = `${c.topic}/${c.partition}`;
  if (low <= c.next) throw Object.assign(new Error(`offset ${c.next} out of range on ${key}`), { retriable: true });
  ctx.o.progress.total -= Math.min(low, c.high) - c.next;
  c.next = Math.min(low, c.high);
  ctx.readFrom.set(key, low);
}

/** Retries transient failures with backoff until the deadline; `between` runs before each retry. */
async function retrying(
  what: string,
  p: Patience,
  step: () => Promise<void>,
  between?: () => Promise<void>,
): Promise<void> {
  let delay = 100;
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      return;
    } catch (error) {
      if (!isTransient(error)) {
        if (error instanceof VerifyFailure) throw error;
        throw new VerifyFailure(`reading failed: ${classifyError(error).message}`);
      }
      const { code, message } = classifyError(error);
      if (p.now() + delay >= p.deadlineMs) {
        throw new VerifyFailure(
          `gave up ${what} after ${attempt} attempt${attempt > 1 ? "s" : ""} over ${p.timeoutMs / 1000} s: the cluster kept answering ` +
            `${code} (${message}); no verdict: nothing was judged lost (retry later or raise --timeout)`,
        );
      }
      p.onRetry?.(what, `${code} (${message})`, delay);
      await p.sleep(delay);
      delay = Math.min(delay * 2, 5000);
      await between?.().catch(() => undefined);
    }
  }
}
