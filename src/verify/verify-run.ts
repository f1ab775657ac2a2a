/**
 * `surge verify` end to end: connect, read the ground truth, pick the run, read its topics to the
 * high watermarks, tally, compare the log starts with the run's acked offsets, attribute. No
 * printing: the CLI renders the result and the progress.
 */
import type { Admin, Kafka } from "kafkajs";
import { belowLogStart, type PartitionLog, type TopicRetention } from "./aged-out.ts";
import { attributeTopic, type TopicVerdict } from "./attribute.ts";
import { LifeBook } from "./lives.ts";
import { connectAdmin, createKafka, VerifyFailure } from "./connect.ts";
import { partitionSizes, topicRetention } from "./log-facts.ts";
import { patience as makePatience, withPatience, type Patience } from "./retry.ts";
import { RunTally, type RecordFacts } from "./run-tally.ts";
import { TruthCollector, type RunTruth } from "./run-truth.ts";
import { edgeMs, type VerifySettings } from "./settings.ts";
import { windowOf, type RunWindow } from "./window.ts";
import { judge, type Verdict } from "./verdict.ts";
import { readPartitions, type PartitionSpan, type ReadProgress } from "./wire/read-partitions.ts";
import { SurgeFacts } from "./wire/surge-facts.ts";

export interface VerifyProgress extends ReadProgress {
  phase: "connecting" | "ground truth" | "records";
}

export interface VerifyResult {
  truth: RunTruth;
  truthTopic: string;
  topics: TopicVerdict[];
  /** Topics of the run that do not exist on the cluster (any more). */
  absentTopics: string[];
  partitions: number;
  /** Records read from the run's topics, this run's and others'. */
  recordsRead: number;
  elapsedMs: number;
  /** Nothing lost or duplicated that the ground truth does not explain. */
  ok: boolean;
  /** By the guarantee the run asked for; absent in hand-made results (judged with defaults). */
  verdict?: Verdict;
  /** --since/--until: the window verified (rounded out to the run's 10 s acked-offsets intervals). */
  window?: { fromMs: number; toMs: number };
}

export function newProgress(): VerifyProgress {
  return { phase: "connecting", read: 0, total: 0 };
}

export async function verifyRun(
  s: VerifySettings,
  progress: VerifyProgress,
  now: () => number = Date.now,
  onRetry?: Patience["onRetry"],
): Promise<VerifyResult> {
  const started = now();
  const patience = { ...makePatience(s.timeoutMs, now), ...(onRetry ? { onRetry } : {}) };
  const kafka = createKafka(s);
  const admin = await connectAdmin(kafka, s);
  try {
    progress.phase = "ground truth";
    const truth = await readTruth(s, kafka, admin, progress, patience);
    const names = truth.start.topics.map((t) => t.name);
    const all = await withPatience("reading partition offsets", patience, () => partitionSpans(admin, names));
    const { absent } = all;
    const window = s.since || s.until ? chooseWindow(s, truth, all.spans) : undefined;
    const spans = window?.spans ?? all.spans;
    const present = names.filter((n) => !absent.includes(n));
    const retention = await withPatience("reading topic settings", patience, () => topicRetention(admin, present));
    const sizes = await partitionSizes(kafka, partitionsByTopic(spans));

    progress.phase = "records";
    progress.read = 0;
    progress.total = 0;
    const lives = truth.lives ? new LifeBook(truth.lives, truth.start.devices, names) : undefined;
    const tally = new RunTally(truth.start.run, truth.start.devices, names.length, lives);
    const index = new Map(names.map((name, i) => [name, i]));
    const facts: RecordFacts = {
      ours: false,
      device: -1,
      seq: -1,
      anomaly: undefined,
      timestampMs: 0,
      partition: -1,
      offset: -1,
    };
    const reader = new SurgeFacts(truth.start.run);
    let state: { key: string; order: Int32Array; topic: number } = { key: "", order: new Int32Array(0), topic: -1 };
    const readFrom = await readPartitions(
      kafka,
      admin,
      spans,
      (topic, partition, view) => {
        const key = `${topic}/${partition}`;
        if (state.key !== key) {
          const t = index.get(topic) ?? -1;
          state = { key, topic: t, order: t < 0 ? new Int32Array(0) : tally.order.partition(t, partition) };
        }
        if (state.topic < 0) return;
        reader.read(view, facts);
        facts.partition = partition;
        tally.add(state.topic, state.order, facts);
      },
      { progress, patience },
    );

    const judgedAt = now();
    const topics = truth.start.topics.map((t, i) => {
      const logs: PartitionLog[] = all.spans
        .filter((x) => x.topic === t.name)
        .map((x) => ({
          partition: x.partition,
          logStart: Math.max(x.low, readFrom.get(`${x.topic}/${x.partition}`) ?? 0),
          sizeBytes: sizes.get(`${x.topic}/${x.partition}`),
        }));
      const r: TopicRetention | undefined = retention.get(t.name);
      return attributeTopic({
        tally,
        topic: i,
        name: t.name,
        role: t.role,
        anomalies: truth.anomalies,
        totals: truth.end?.topics.find((x) => x.name === t.name),
        retention: r,
        belowStart: absent.includes(t.name)
          ? undefined
          : belowLogStart(t.name, window?.intervals ?? truth.acked, logs, r, judgedAt),
        ...(window ? { ackedInWindow: window.acked.get(t.name) ?? 0, totals: undefined } : {}),
      });
    });
    const verdict = judge({
      start: truth.start,
      finished: truth.end !== undefined || window !== undefined,
      topics,
      allowIncomplete: s.allowIncomplete,
      requireAll: s.requireAll,
    });
    return {
      truth,
      truthTopic: s.truthTopic,
      topics,
      absentTopics: absent,
      partitions: spans.length,
      recordsRead: progress.read,
      elapsedMs: now() - started,
      ok: verdict.status === "ok",
      verdict,
      ...(window ? { window: { fromMs: window.fromMs, toMs: window.toMs } } : {}),
    };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function chooseWindow(s: VerifySettings, truth: RunTruth, spans: PartitionSpan[]): RunWindow {
  const run = truth.start.run;
  if (truth.acked.length === 0) {
    throw new VerifyFailure(
      `run ${run} recorded no acked offsets (an older surge wrote it): --since/--until need them; verify the whole run instead`,
    );
  }
  const since = s.since ? edgeMs(s.since, truth.start.startedMs) : -Infinity;
  const until = s.until ? edgeMs(s.until, truth.start.startedMs) : Infinity;
  const window = windowOf(spans, truth.acked, since, until);
  if (!window)
    throw new VerifyFailure(
      `run ${run} acked no records between --since and --until (it ran from ${iso(truth.start.startedMs)}${truth.end ? ` to ${iso(truth.end.endedMs)}` : ""})`,
    );
  return window;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Partition spans (log start to high watermark) of the topics that exist; the names of those that do not. */
export async function partitionSpans(
  admin: Admin,
  topics: readonly string[],
): Promise<{ spans: PartitionSpan[]; absent: string[] }> {
  const existing = new Set(await admin.listTopics());
  const spans: PartitionSpan[] = [];
  const absent: string[] = [];
  for (const topic of topics) {
    if (!existing.has(topic)) {
      absent.push(topic);
      continue;
    }
    for (const o of await admin.fetchTopicOffsets(topic)) {
      spans.push({ topic, partition: o.partition, low: Number(o.low), high: Number(o.high) });
    }
  }
  return { spans, absent };
}

function partitionsByTopic(spans: readonly PartitionSpan[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of spans) out.set(s.topic, [...(out.get(s.topic) ?? []), s.partition]);
  return out;
}

async function readTruth(
  s: VerifySettings,
  kafka: Kafka,
  admin: Admin,
  progress: VerifyProgress,
  patience: Patience,
): Promise<RunTruth> {
  const { spans, absent } = await withPatience("reading partition offsets", patience, () =>
    partitionSpans(admin, [s.truthTopic]),
  );
  if (absent.length > 0) {
    throw new VerifyFailure(
      `topic ${s.truthTopic} does not exist at ${s.brokers.join(",")}: no surge run has written ground truth there (check --anomalies-topic and --brokers)`,
    );
  }
  const collector = new TruthCollector();
  await readPartitions(
    kafka,
    admin,
    spans,
    (_topic, _partition, view) => {
      if (view.valueLength > 0)
        collector.add(view.buf.toString("utf8", view.valueStart, view.valueStart + view.valueLength));
    },
    { progress, patience },
  );
  const choice = collector.choose(s.runId, s.truthTopic);
  if ("problem" in choice) throw new VerifyFailure(choice.problem);
  return choice.truth;
}
