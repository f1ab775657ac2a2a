/** Defaults of every setting, in one place so the help text cannot drift from the behaviour. */
import { MAX_SAMPLE_INTERVAL_MS } from "../common/duration.ts";
import type { ProducerSettings } from "./types.ts";

export const DEFAULTS = {
  /** Used when no --scenario is given and it is one of the built-ins. */
  scenario: "industrial",
  brokers: ["localhost:9092"],
  durationMs: 0,
  count: 0,
  partitions: 3,
  topicPrefix: "",
  intervalMs: 1000,
  connectTimeoutMs: 30_000,
  /**
   * --memory-limit: above this RSS surge asks the runtime to collect garbage. 320 MiB keeps a
   * built-in fleet of 1,000,000 devices at 200,000 events/s under 400 MB (BENCHMARKS.md).
   */
  memoryLimitBytes: 320 * 1024 ** 2,
  /** Simulated seconds per real second (day/night cycles, battery drain). */
  timeScale: 1,
  /** Scenario file defaults. */
  sampleIntervalMs: 1000,
  maxRatePerDevice: 0,
  producer: {
    acks: 1,
    compression: "none",
    batchSize: 65536,
    lingerMs: 5,
    maxInFlight: 5,
    /** No cap: retries are bounded by deliveryTimeoutMs, like the Java client's. */
    retries: 2_147_483_647,
    deliveryTimeoutMs: 120_000,
    requestTimeoutMs: 30_000,
    idempotent: false,
    partitioner: "murmur2",
    clientId: "surge",
  } satisfies ProducerSettings as ProducerSettings,
} as const;

/** Limits shared by the scenario file and the flags. */
export const LIMITS = {
  devices: { min: 1, max: 10_000_000 },
  partitions: { min: 1, max: 100_000 },
  replicationFactor: { min: 1, max: 32 },
  /** 16 MiB: sixteen times what a broker accepts by default (message.max.bytes, 1 MiB). */
  batchSize: { min: 1, max: 16 * 1024 ** 2 },
  /**
   * batchSize × maxInFlight: what may be held for requests in flight (records take about three
   * times their bytes in memory), so that no producer setting can take surge past 1 GB.
   */
  bytesInFlight: { max: 128 * 1024 ** 2 },
  lingerMs: { min: 0, max: 600_000 },
  maxInFlight: { min: 1, max: 1000 },
  retries: { min: 0, max: 2_147_483_647 },
  deliveryTimeoutMs: { min: 1000, max: 86_400_000 },
  requestTimeoutMs: { min: 100, max: 3_600_000 },
  seed: { min: 0, max: 4_294_967_295 },
  count: { min: 0, max: Number.MAX_SAFE_INTEGER },
  intervalMs: { min: 100, max: 3_600_000 },
  connectTimeoutMs: { min: 100, max: 3_600_000 },
  sampleIntervalMs: { min: 1, max: MAX_SAMPLE_INTERVAL_MS },
  /** Below 64 MiB the runtime alone takes most of it; 0 turns the limit off. */
  memoryLimitBytes: { min: 64 * 1024 ** 2, max: 1024 ** 4 },
} as const;
