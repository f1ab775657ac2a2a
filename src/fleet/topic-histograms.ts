/**
 * Per topic, send→ack latency and lateness histograms added up from encoded intervals (a fleet's
 * instances, one process's workers): histograms added, never percentiles averaged, so a merged p99
 * is never above the merged max.
 */
import { LatencyHistogram } from "../metrics/latency-histogram.ts";
import type { TopicHistogramsWire } from "./message.ts";

export interface DecodedTopic {
  name: string;
  latency: LatencyHistogram;
  late: LatencyHistogram;
}

export function decodeTopic(t: TopicHistogramsWire): DecodedTopic {
  return {
    name: t.name,
    latency: LatencyHistogram.decode(t.latency, t.latencySumMicros),
    late: LatencyHistogram.decode(t.late, t.lateSumMicros),
  };
}

export class TopicHistograms {
  private readonly latency = new Map<string, LatencyHistogram>();
  private readonly late = new Map<string, LatencyHistogram>();

  add(t: DecodedTopic): void {
    t.latency.addInto(this.latencyOf(t.name));
    t.late.addInto(this.lateOf(t.name));
  }

  latencyOf(name: string): LatencyHistogram {
    return histogramOf(this.latency, name);
  }

  lateOf(name: string): LatencyHistogram {
    return histogramOf(this.late, name);
  }

  clear(): void {
    this.latency.clear();
    this.late.clear();
  }
}

function histogramOf(map: Map<string, LatencyHistogram>, name: string): LatencyHistogram {
  let h = map.get(name);
  if (!h) map.set(name, (h = new LatencyHistogram()));
  return h;
}
