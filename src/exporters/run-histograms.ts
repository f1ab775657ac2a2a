/**
 * Whole-run latency and lateness histograms per topic, merged from closed intervals: they only
 * grow (the dashboard's `r` does not reset them), as Prometheus histograms must.
 */
import type { IntervalHistograms } from "../engine/snapshot.ts";
import { LatencyHistogram } from "../metrics/latency-histogram.ts";

export interface TopicHistograms {
  latency: LatencyHistogram;
  late: LatencyHistogram;
}

export class RunHistograms {
  private readonly byTopic = new Map<string, TopicHistograms>();

  add(interval: IntervalHistograms): void {
    for (const t of interval.topics) {
      const into = this.of(t.name);
      t.latency.addInto(into.latency);
      t.late.addInto(into.late);
    }
  }

  of(topic: string): TopicHistograms {
    let h = this.byTopic.get(topic);
    if (!h) {
      h = { latency: new LatencyHistogram(), late: new LatencyHistogram() };
      this.byTopic.set(topic, h);
    }
    return h;
  }
}
