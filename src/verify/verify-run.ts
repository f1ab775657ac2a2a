/**
 * `surge verify` end to end: connect, read the ground truth, pick the run, read its topics to the
 * high watermarks, tally, attribute. No printing: the CLI renders the result and the progress.
 */
import type { Admin, IHeaders, Kafka, KafkaMessage } from "kafkajs";
import { HEADER_ANOMALY, HEADER_DEVICE, HEADER_RUN, HEADER_SEQ } from "../truth/headers.ts";
import { attributeTopic, type TopicVerdict } from "./attribute.ts";
import { connectAdmin, createKafka, VerifyFailure } from "./connect.ts";
import { partitionSpans, readToWatermarks, type ReadProgress } from "./read-to-watermarks.ts";
import { patience as makePatience, withPatience, type Patience } from "./retry.ts";
import { RunTally, type RecordFacts } from "./run-tally.ts";
import { TruthCollector, type RunTruth } from "./run-truth.ts";
import type { VerifySettings } from "./settings.ts";
import { judge, type Verdict } from "./verdict.ts";

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
}

export function newProgress(): VerifyProgress {
  return { phase: "connecting", read: 0, total: 0 };
}

export async function verifyRun(
  s: VerifySettings, progress: VerifyProgress, now: () => number = Date.now, onRetry?: Patience["onRetry"],
): Promise<VerifyResult> {
  const started = now();
  const patience = { ...makePatience(s.timeoutMs, now), ...(onRetry ? { onRetry } : {}) };
  const kafka = createKafka(s);
  const admin = await connectAdmin(kafka, s);
  try {
    progress.phase = "ground truth";
    const truth = await readTruth(s, kafka, admin, progress, patience);
    const names = truth.start.topics.map((t) => t.name);
    const { spans, absent } = await withPatience("reading partition offsets", patience, () => partitionSpans(admin, names));

    progress.phase = "records";
    progress.read = 0;
    progress.total = 0;
    const tally = new RunTally(truth.start.run, truth.start.devices, names.length);
    const index = new Map(names.map((name, i) => [name, i]));
    const facts: RecordFacts = { run: undefined, device: undefined, seq: undefined, anomaly: undefined, timestampMs: 0 };
    await readToWatermarks(kafka, admin, spans, (topic, partition, messages, readMs) => {
      const t = index.get(topic);
      if (t === undefined) return;
      const order = tally.order.partition(t, partition);
      for (const m of messages) {
        factsOf(m, facts);
        tally.add(t, order, facts, readMs);
      }
    }, { progress, patience });

    const topics = truth.start.topics.map((t, i) => attributeTopic({
      tally, topic: i, name: t.name, role: t.role, anomalies: truth.anomalies,
      totals: truth.end?.topics.find((x) => x.name === t.name),
    }));
    const verdict = judge({ start: truth.start, finished: truth.end !== undefined, topics, allowIncomplete: s.allowIncomplete });
    return {
      truth, truthTopic: s.truthTopic, topics, absentTopics: absent, partitions: spans.length,
      recordsRead: progress.read, elapsedMs: now() - started, ok: verdict.status === "ok", verdict,
    };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function readTruth(s: VerifySettings, kafka: Kafka, admin: Admin, progress: VerifyProgress, patience: Patience): Promise<RunTruth> {
  const { spans, absent } = await withPatience("reading partition offsets", patience, () => partitionSpans(admin, [s.truthTopic]));
  if (absent.length > 0) {
    throw new VerifyFailure(`topic ${s.truthTopic} does not exist at ${s.brokers.join(",")}: no surge run has written ground truth there (check --anomalies-topic and --brokers)`);
  }
  const collector = new TruthCollector();
  await readToWatermarks(kafka, admin, spans, (_topic, _partition, messages) => {
    for (const m of messages) if (m.value) collector.add(m.value.toString());
  }, { progress, patience });
  const choice = collector.choose(s.runId, s.truthTopic);
  if ("problem" in choice) throw new VerifyFailure(choice.problem);
  return choice.truth;
}

function factsOf(m: KafkaMessage, into: RecordFacts): void {
  into.run = header(m.headers, HEADER_RUN);
  into.device = header(m.headers, HEADER_DEVICE);
  into.seq = header(m.headers, HEADER_SEQ);
  into.anomaly = header(m.headers, HEADER_ANOMALY);
  into.timestampMs = Number(m.timestamp);
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined ? undefined : one.toString();
}
