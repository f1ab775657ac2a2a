/** Fixed snapshots and a fake engine: the dashboard's tests need no clock and no broker. */
import type { Command, CommandResult } from "../../../src/engine/commands.ts";
import type { Snapshot, TopicSnapshot } from "../../../src/engine/snapshot.ts";
import type { LatencyStats } from "../../../src/metrics/latency-histogram.ts";
import { EMPTY_STATS } from "../../../src/metrics/latency-histogram.ts";

export const T0 = 1_800_000_000_000;

export function stats(p50: number, p99: number, max: number, count = 10_000): LatencyStats {
  const distribution = [
    [50, p50],
    [75, p50 * 1.2],
    [90, p50 * 1.6],
    [95, p50 * 2],
    [99, p99],
    [99.9, (p99 + max) / 2],
    [99.99, max],
  ] as const;
  return { count, p50, p90: p50 * 1.6, p99, p999: (p99 + max) / 2, p9999: max, max, mean: p50 * 1.1, distribution };
}

export function topic(name: string, role: string, perSec: number, over: Partial<TopicSnapshot> = {}): TopicSnapshot {
  const history = Array.from({ length: 59 }, (_, i) => (i < 40 ? 0 : perSec * (0.5 + ((i * 7) % 10) / 20)));
  return {
    role,
    name,
    generated: perSec * 30 + 12,
    acked: perSec * 30,
    failed: 0,
    unsent: 0,
    inFlight: 12,
    bytes: perSec * 30 * 450,
    latency: stats(4.2, 18.5, 61.3),
    late: stats(0.3, 2.1, 9.8),
    window: {
      ackedPerSec: perSec,
      mbPerSec: (perSec * 450) / 1e6,
      latency: stats(4.1, 17.9, 40.2),
      late: stats(0.2, 1.9, 7.5),
    },
    history,
    dropped: 0,
    duplicated: 0,
    ...over,
  };
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    scenario: "industrial",
    runId: "20260115T080000Z-test",
    truthTopic: "surge.anomalies",
    profile: "",
    brokers: ["127.0.0.1:19092"],
    seed: 42,
    connection: "connected",
    state: "running",
    takenMs: T0,
    elapsedMs: 65_400,
    targetRate: 2000,
    effectiveRate: 2000,
    generatedPerSec: 1998.6,
    ackedPerSec: 2071.2,
    behind: 0,
    totals: { generated: 62_000, acked: 61_950, failed: 0, unsent: 0, inFlight: 50, bytes: 27_000_000 },
    topics: [topic("device-data", "data", 2000), topic("alerts", "alerts", 71, { inFlight: 0 })],
    errors: [],
    anomalies: [],
    events: [],
    notice: "",
    intervals: [],
    ...over,
  };
}

export const idleTopic = (name: string): TopicSnapshot =>
  topic(name, "data", 0, {
    latency: EMPTY_STATS,
    late: EMPTY_STATS,
    history: new Array<number>(59).fill(0),
    acked: 0,
    generated: 0,
    inFlight: 0,
    window: { ackedPerSec: 0, mbPerSec: 0, latency: EMPTY_STATS, late: EMPTY_STATS },
  });

/** Records every command; answers like the engine would for the ones the tests send. */
export class FakeEngine {
  readonly commands: Command[] = [];
  constructor(public current: Snapshot = snapshot()) {}

  snapshot(): Snapshot {
    return this.current;
  }

  dispatch(command: Command): CommandResult {
    this.commands.push(command);
    if (command.type === "inject")
      return { ok: false, message: `anomaly "${command.anomaly.kind}" is not available yet` };
    return { ok: true, message: `did ${command.type}` };
  }
}
