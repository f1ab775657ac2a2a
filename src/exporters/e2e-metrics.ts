/** --e2e / --follow on /metrics: whole-run histograms merged from closed intervals, and the counts. */
import type { IntervalHistograms, Snapshot } from "../engine/snapshot.ts";
import { LatencyHistogram } from "../metrics/latency-histogram.ts";
import type { Exposition } from "./exposition.ts";
import type { E2eInterval } from "../engine/read-back-port.ts";

interface Pair {
  send: LatencyHistogram;
  intended: LatencyHistogram;
}

/** Whole-run e2e histograms by interval-log tag stem ("<topic>.e2e", "<out>.follow"): they only grow. */
export class E2eRunHistograms {
  private readonly byTag = new Map<string, Pair>();

  add(interval: IntervalHistograms): void {
    for (const e of interval.e2e ?? []) {
      const into = this.of(e.tag);
      e.send.addInto(into.send);
      e.intended.addInto(into.intended);
    }
  }

  of(tag: string): Pair {
    let pair = this.byTag.get(tag);
    if (!pair) {
      pair = { send: new LatencyHistogram(), intended: new LatencyHistogram() };
      this.byTag.set(tag, pair);
    }
    return pair;
  }
}

/** Interval-log lines: `<topic>.e2e` and `<topic>.e2e-intended`, `<out>.follow` and `<out>.follow-intended`. */
export function e2eLogLines(e2e: readonly E2eInterval[], start: string, length: string): string {
  let out = "";
  for (const e of e2e) {
    for (const [tag, h] of [
      [e.tag, e.send],
      [`${e.tag}-intended`, e.intended],
    ] as const) {
      out += `Tag=${tag},${start},${length},${(h.maxMicros / 1000).toFixed(3)},${h.encode()}\n`;
    }
  }
  return out;
}

export function e2eMetrics(out: Exposition, s: Snapshot, run: E2eRunHistograms, buckets: readonly number[]): void {
  const e = s.e2e;
  if (!e) return;
  const micros = buckets.map((b) => Math.round(b * 1e6));
  const histogram = (
    name: string,
    help: string,
    rows: ReadonlyArray<readonly [Record<string, string>, LatencyHistogram]>,
  ): void => {
    out.family(name, "histogram", help);
    for (const [labels, h] of rows)
      out.histogram(name, labels, buckets, h.countsAtOrBelow(micros), h.sumMicros / 1e6, h.count);
  };
  const own = e.topics.map((t) => [t.name, run.of(`${t.name}.e2e`)] as const);
  histogram(
    "surge_e2e_send_readable_seconds",
    "Time from handing a sampled record to the producer to reading it back (whole run).",
    own.map(([topic, p]) => [{ topic }, p.send] as const),
  );
  histogram(
    "surge_e2e_intended_readable_seconds",
    "Time from a sampled record's intended send time to reading it back (whole run).",
    own.map(([topic, p]) => [{ topic }, p.intended] as const),
  );
  out.family("surge_e2e_records_read_total", "counter", "Records read back from the topics surge writes.");
  for (const t of e.topics) out.sample("surge_e2e_records_read_total", { topic: t.name }, t.read);
  out.family(
    "surge_e2e_records_skipped_total",
    "counter",
    "Records passed over unread: below 100 % sampling only the tail is read back.",
  );
  for (const t of e.topics) out.sample("surge_e2e_records_skipped_total", { topic: t.name }, t.skipped);
  out.family("surge_e2e_records_sampled_total", "counter", "Of those, this run's sampled records, measured.");
  for (const t of e.topics) out.sample("surge_e2e_records_sampled_total", { topic: t.name }, t.sampled);
  const follows = e.follows.map((f) => [{ topic: f.out, input: f.in }, run.of(`${f.out}.follow`)] as const);
  histogram(
    "surge_follow_send_out_seconds",
    "Time from handing a sampled record to the producer to reading it from the pipeline's output (whole run).",
    follows.map(([labels, p]) => [labels, p.send] as const),
  );
  histogram(
    "surge_follow_intended_out_seconds",
    "Time from a sampled record's intended send time to reading it from the pipeline's output (whole run).",
    follows.map(([labels, p]) => [labels, p.intended] as const),
  );
  out.family(
    "surge_follow_records",
    "gauge",
    "Sampled records by what became of them in the pipeline (expected, matched, not_yet_out, never_out, duplicated, foreign).",
  );
  for (const f of e.follows) {
    const states = {
      expected: f.expected,
      matched: f.matched,
      not_yet_out: f.notYetOut,
      never_out: f.neverOut,
      duplicated: f.duplicated,
      foreign: f.foreign,
    };
    for (const [state, value] of Object.entries(states))
      out.sample("surge_follow_records", { topic: f.out, input: f.in, state }, value);
  }
  out.family(
    "surge_e2e_negative_latency_total",
    "counter",
    "Latencies below zero (the reading clock behind the writing one), counted apart, never clamped.",
  );
  for (const t of e.topics)
    out.sample("surge_e2e_negative_latency_total", { topic: t.name, path: "send_readable" }, t.sendToReadable.negative);
  for (const f of e.follows)
    out.sample("surge_e2e_negative_latency_total", { topic: f.out, path: "send_out" }, f.sendToOut.negative);
}
