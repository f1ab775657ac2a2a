/**
 * --e2e and --follow for one run: stamps sampled records with their times, reads back surge's
 * topics (send→readable, intended→readable) and the followed pipeline outputs (send→out,
 * intended→out, matched / not yet out / never out / duplicated / foreign), in the run's process
 * and on the run's clock. The engine drives it through ReadBackPort. --e2e alone reads with the
 * raw Fetch tail reader (headers read in place; below 100 % sampling the tail only); --follow keeps
 * the kafkajs consumer, whose decoded messages the follow tracker and --match need (one per cluster
 * with --follow-brokers). In a split run it also estimates the other instances' clock offsets.
 * (Over 300 lines: the own topics' and the followed outputs' readers share one sampler, one clock
 * and one snapshot; the sampling, the tail reader, the follow tracker and the skew are apart.)
 */
import type { KafkaMessage } from "kafkajs";
import type { ClientSettings } from "../kafka/client-config.ts";
import { sleep } from "../engine/clock.ts";
import { classifyError } from "../kafka/classify-error.ts";
import { HEADER_DEVICE, HEADER_RUN, HEADER_SEQ } from "../truth/headers.ts";
import { valueAt } from "./json-path.ts";
import { FollowTracker } from "./follow-tracker.ts";
import { ReadBackReader } from "./reader.ts";
import { TailReader } from "./tail-reader.ts";
import { AtHeaderReader } from "./at-header.ts";
import { TwoClusterReader, type Reader } from "./two-cluster-reader.ts";
import type { RecordView } from "../kafka/protocol/fetch-response.ts";
import type { E2eSettings, FollowSpec } from "../config/resolve-e2e.ts";
import { SkewedHistogram } from "./skewed-histogram.ts";
import { ClockSkew } from "./clock-skew.ts";
import { HEADER_AT, formatAt, parseAt, Sampler, type RecordTimes } from "./time-header.ts";
import type { E2eInterval, E2eSnapshot, FollowedTopic, ReadBackPort, ReadBackTopic } from "../engine/read-back-port.ts";
import { EMPTY_STATS, type LatencyStats } from "../metrics/latency-histogram.ts";

/** How long the end of a run waits for its own topics to be read back (follows wait --follow-grace). */
const READ_BACK_DRAIN_MS = 10_000;
const DRAIN_POLL_MS = 200;
/**
 * Below 100 % sampling the read-back reads the tail only: at most 64 KB per partition every 20 ms
 * or so (a few MB/s whatever the rate), skipping the rest, so --e2e stays cheap at --rate max.
 */
const TAIL_SAMPLING = { partitionBytes: 64 * 1024, pauseMs: 20 };

interface TopicState {
  name: string;
  read: number;
  skipped: number;
  sampled: number;
  send: SkewedHistogram;
  intended: SkewedHistogram;
  window: { sendToReadable: LatencyStats; intendedToReadable: LatencyStats };
}

interface FollowState {
  spec: FollowSpec;
  tracker: FollowTracker;
  window: { sendToOut: LatencyStats; intendedToOut: LatencyStats };
}

const header = (m: KafkaMessage, name: string): string | undefined => {
  const v = m.headers?.[name];
  if (v === undefined) return undefined;
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : one.toString();
};

export class ReadBack implements ReadBackPort {
  private readonly sampler: Sampler;
  private readonly reader: Reader;
  private readonly atHeader: AtHeaderReader;
  /** Own topics read back (--e2e), by name. */
  private readonly own = new Map<string, TopicState>();
  private readonly follows: FollowState[];
  private readonly byIn = new Map<string, FollowState[]>();
  private readonly byOut = new Map<string, FollowState[]>();
  private readonly emptyWindow = { sendToReadable: EMPTY_STATS, intendedToReadable: EMPTY_STATS };
  private readonly skew: ClockSkew;
  /** Added to every time this process stamps and reads: SURGE_TEST_CLOCK_OFFSET_MS, tests only. */
  private readonly offsetMs: number;
  private readonly now: () => number;

  constructor(
    private readonly settings: E2eSettings,
    topics: readonly string[],
    private readonly runId: string,
    client: ClientSettings,
    now: () => number,
    clocks: { clock?: string; offsetMs?: number } = {},
  ) {
    this.offsetMs = clocks.offsetMs ?? 0;
    this.now = this.offsetMs === 0 ? now : () => now() + this.offsetMs;
    this.skew = new ClockSkew(clocks.clock ?? "");
    this.sampler = new Sampler(settings.sample, topics.length);
    if (settings.readBack) {
      for (const name of topics) {
        this.own.set(name, {
          name,
          read: 0,
          skipped: 0,
          sampled: 0,
          send: new SkewedHistogram(),
          intended: new SkewedHistogram(),
          window: this.emptyWindow,
        });
      }
    }
    this.follows = settings.follows.map((spec) => ({
      spec,
      tracker: new FollowTracker(settings.graceMs),
      window: { sendToOut: EMPTY_STATS, intendedToOut: EMPTY_STATS },
    }));
    for (const f of this.follows) {
      this.byIn.set(f.spec.in, [...(this.byIn.get(f.spec.in) ?? []), f]);
      this.byOut.set(f.spec.out, [...(this.byOut.get(f.spec.out) ?? []), f]);
    }
    this.atHeader = new AtHeaderReader(runId);
    this.reader = this.readerOf(client);
  }

  /** --e2e alone: the raw tail reader; --follow: kafkajs consumers, one per cluster with --follow-brokers. */
  private readerOf(client: ClientSettings): Reader {
    if (this.follows.length === 0) {
      const onRecord = (topic: string, view: RecordView, readMs: number): void => this.onRecord(topic, view, readMs);
      const onSkip = (topic: string, records: number): void => {
        const own = this.own.get(topic);
        if (own) own.skipped += records;
      };
      return this.settings.sample < 1
        ? new TailReader(client, this.now, onRecord, { ...TAIL_SAMPLING, onSkip })
        : new TailReader(client, this.now, onRecord);
    }
    const consumer = (settings: ClientSettings): ReadBackReader =>
      new ReadBackReader(settings, this.now, (topic, messages, readMs) => this.onBatch(topic, messages, readMs));
    const away = this.settings.followBrokers;
    if (!away) return consumer(client);
    // The other cluster is reached with the same TLS/SASL settings as --brokers.
    return new TwoClusterReader(consumer(client), consumer({ ...client, brokers: away }), new Set(this.byOut.keys()));
  }

  stamp(topicIndex: number, sendMs: number, intendedMs: number): string | undefined {
    if (!this.sampler.take(topicIndex)) return undefined;
    return formatAt(sendMs + this.offsetMs, intendedMs + this.offsetMs, this.skew.clock || undefined);
  }

  async start(): Promise<void> {
    const read = new Set([...this.own.keys(), ...this.byIn.keys(), ...this.byOut.keys()]);
    try {
      await this.reader.start([...read], [...this.byOut.keys()]);
    } catch (error) {
      await this.reader.stop();
      const message =
        error instanceof Error && error.message.startsWith("--")
          ? error.message
          : `--e2e/--follow: the read-back could not start: ${classifyError(error).message}`;
      throw new Error(message);
    }
  }

  async finish(): Promise<void> {
    const started = this.now();
    const ownTopics = [...new Set([...this.own.keys(), ...this.byIn.keys()])];
    // First what surge wrote (bounded), then what the pipelines still owe (up to the grace).
    while (this.now() - started < READ_BACK_DRAIN_MS && !this.reader.problem) {
      // A broker that stopped answering must not hold the end of the run: at most 2 s a look.
      const caughtUp = await Promise.race([
        this.reader.caughtUp(ownTopics).catch(() => true),
        sleep(2000).then(() => false),
      ]);
      if (caughtUp) break;
      await sleep(DRAIN_POLL_MS);
    }
    const graceEnd = this.now() + this.settings.graceMs;
    while (this.now() < graceEnd && !this.reader.problem && this.follows.some((f) => !f.tracker.settled)) {
      for (const f of this.follows) f.tracker.sweep(this.now());
      await sleep(DRAIN_POLL_MS);
    }
    await this.reader.stop();
    for (const f of this.follows) f.tracker.sweep(this.now(), true);
  }

  snapshot(nowMs: number): E2eSnapshot {
    for (const f of this.follows) f.tracker.sweep(nowMs + this.offsetMs);
    return Object.freeze({
      sample: this.settings.sample,
      clock: this.skew.clock,
      ownFastestMs: this.skew.ownFastestMs,
      clocks: Object.freeze(this.skew.estimates()),
      topics: Object.freeze(
        [...this.own.values()].map((t): ReadBackTopic =>
          Object.freeze({
            name: t.name,
            read: t.read,
            skipped: t.skipped,
            sampled: t.sampled,
            sendToReadable: t.send.stats(),
            intendedToReadable: t.intended.stats(),
            window: t.window,
          }),
        ),
      ),
      follows: Object.freeze(
        this.follows.map((f): FollowedTopic => {
          const k = f.tracker;
          return Object.freeze({
            out: f.spec.out,
            in: f.spec.in,
            by: this.settings.match?.path ?? "headers",
            read: k.read,
            expected: k.expected,
            matched: k.matched,
            notYetOut: k.notYetOut,
            neverOut: k.neverOut,
            neverOutExamples: Object.freeze(k.neverOutExamples()),
            duplicated: k.duplicated,
            foreign: k.foreign,
            unsampled: k.unsampled,
            sendToOut: k.sendToOut.stats(),
            intendedToOut: k.intendedToOut.stats(),
            window: f.window,
          });
        }),
      ),
      problem: this.reader.problem,
    });
  }

  resetHistograms(): void {
    for (const t of this.own.values()) for (const h of [t.send, t.intended]) h.reset();
    for (const f of this.follows) for (const h of [f.tracker.sendToOut, f.tracker.intendedToOut]) h.reset();
  }

  closeInterval(): readonly E2eInterval[] {
    const out: E2eInterval[] = [];
    for (const t of this.own.values()) {
      const send = t.send.closeInterval();
      const intended = t.intended.closeInterval();
      t.window = Object.freeze({ sendToReadable: send.stats(), intendedToReadable: intended.stats() });
      out.push(Object.freeze({ tag: `${t.name}.e2e`, topic: t.name, send, intended }));
    }
    for (const f of this.follows) {
      const send = f.tracker.sendToOut.closeInterval();
      const intended = f.tracker.intendedToOut.closeInterval();
      f.window = Object.freeze({ sendToOut: send.stats(), intendedToOut: intended.stats() });
      out.push(Object.freeze({ tag: `${f.spec.out}.follow`, topic: f.spec.out, send, intended }));
    }
    return Object.freeze(out);
  }

  /** One record of an own topic from the tail reader (--e2e without --follow). */
  private onRecord(topic: string, view: RecordView, readMs: number): void {
    const own = this.own.get(topic);
    if (!own) return;
    own.read++;
    const times = this.atHeader.read(view);
    if (!times) return;
    own.sampled++;
    own.send.record(readMs - times.sendMs);
    own.intended.record(readMs - times.intendedMs);
    this.skew.note(times.clock, readMs - times.sendMs);
  }

  private onBatch(topic: string, messages: readonly KafkaMessage[], readMs: number): void {
    const own = this.own.get(topic);
    const ins = this.byIn.get(topic);
    if (own || ins) this.readIn(own, ins, messages, readMs);
    const outs = this.byOut.get(topic);
    if (outs) for (const f of outs) this.readOut(f, messages, readMs);
  }

  /** A batch of a topic surge writes: measured when read back, and expected out of the pipelines fed by it. */
  private readIn(
    own: TopicState | undefined,
    ins: readonly FollowState[] | undefined,
    messages: readonly KafkaMessage[],
    readMs: number,
  ): void {
    if (own) own.read += messages.length;
    for (const m of messages) {
      const at = header(m, HEADER_AT);
      if (at === undefined || header(m, HEADER_RUN) !== this.runId) continue;
      const times = parseAt(at);
      if (!times) continue;
      if (own) {
        own.sampled++;
        own.send.record(readMs - times.sendMs);
        own.intended.record(readMs - times.intendedMs);
        this.skew.note(times.clock, readMs - times.sendMs);
      }
      if (!ins) continue;
      for (const f of ins) {
        const key = this.keyOfIn(m);
        if (key !== undefined) f.tracker.noteIn(key, times, readMs);
      }
    }
  }

  private readOut(f: FollowState, messages: readonly KafkaMessage[], readMs: number): void {
    const k = f.tracker;
    k.read += messages.length;
    const match = this.settings.match;
    for (const m of messages) {
      const run = header(m, HEADER_RUN);
      if (match && run === undefined) {
        // Headers dropped by the pipeline: the generated field names the record.
        const key = m.value ? valueAt(m.value.toString(), match.keys) : undefined;
        if (key === undefined) k.foreign++;
        else k.noteOut(key, undefined, readMs);
        continue;
      }
      if (run !== this.runId) {
        k.foreign++;
        continue;
      }
      const at = header(m, HEADER_AT);
      const times: RecordTimes | undefined = at === undefined ? undefined : parseAt(at);
      if (!times) {
        k.unsampled++;
        continue;
      }
      const key = match
        ? m.value
          ? valueAt(m.value.toString(), match.keys)
          : undefined
        : `${header(m, HEADER_DEVICE)}:${header(m, HEADER_SEQ)}`;
      if (key === undefined) k.foreign++;
      else k.noteOut(key, times, readMs);
    }
  }

  private keyOfIn(m: KafkaMessage): string | undefined {
    const match = this.settings.match;
    if (match) return m.value ? valueAt(m.value.toString(), match.keys) : undefined;
    return `${header(m, HEADER_DEVICE)}:${header(m, HEADER_SEQ)}`;
  }
}
