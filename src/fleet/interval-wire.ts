/**
 * A closed interval's histograms as they travel between processes and threads (the fleet's
 * results topic, --workers' messages): HdrHistogram's compressed encoding, the exact sums beside.
 */
import type { IntervalHistograms } from "../engine/snapshot.ts";
import type { FleetMessage } from "./message.ts";

export type WireInterval = FleetMessage["intervals"][number];

export function wireInterval(i: IntervalHistograms): WireInterval {
  return {
    startMs: i.startMs,
    endMs: i.endMs,
    topics: i.topics.map((t) => ({
      name: t.name,
      latency: t.latency.encode(),
      latencySumMicros: t.latency.sumMicros,
      late: t.late.encode(),
      lateSumMicros: t.late.sumMicros,
    })),
  };
}
