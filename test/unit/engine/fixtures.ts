/** Small fakes for engine tests: a one-topic model and settings around it. */
import type { RunSettings } from "../../../src/config/types.ts";
import type { EventModel } from "../../../src/sim/types.ts";

export const counterModel = (): EventModel => ({
  emit(device, nowMs, sink) {
    sink.push(0, `d${device}`, `{"device":${device},"ts":${Math.round(nowMs)}}`);
  },
});

export function settings(over: Partial<RunSettings> = {}): RunSettings {
  return {
    scenario: {
      name: "test",
      description: "",
      model: "counter",
      devices: 10,
      sampleIntervalMs: 1000,
      maxRatePerDevice: 0,
      topics: [{ role: "data", name: "t-data" }],
      params: {},
    },
    brokers: ["127.0.0.1:1"],
    rate: "max",
    durationMs: 0,
    count: 0,
    seed: 1,
    partitions: 1,
    topicPrefix: "",
    producer: {
      acks: 1,
      compression: "none",
      batchSize: 4096,
      lingerMs: 2,
      maxInFlight: 2,
      retries: 0,
      deliveryTimeoutMs: 120_000,
      requestTimeoutMs: 30_000,
      idempotent: false,
      partitioner: "murmur2",
      clientId: "test",
    },
    security: {},
    tui: false,
    intervalMs: 100,
    connectTimeoutMs: 1000,
    dryRun: true,
    timeline: [],
    truthTopic: "",
    ...over,
  };
}
