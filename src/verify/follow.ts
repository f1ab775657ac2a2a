/**
 * `surge verify --follow OUT[=IN]`: after the run, read the pipeline's output topic to its end and
 * judge it with verify's own ledger (RunTally) and attribution, as if it were the input topic:
 * everything sent came out, once, in per-device order, or which records did not; an injected
 * dropout is not a pipeline loss. Needs surge's headers kept by the pipeline.
 */
import { attributeTopic } from "./attribute.ts";
import { connectAdmin, createKafka, VerifyFailure } from "./connect.ts";
import { patience as makePatience, withPatience } from "./retry.ts";
import { RunTally, type RecordFacts } from "./run-tally.ts";
import type { VerifySettings } from "./settings.ts";
import { judge } from "./verdict.ts";
import { partitionSpans, type VerifyProgress, type VerifyResult } from "./verify-run.ts";
import { readPartitions } from "./wire/read-partitions.ts";
import { SurgeFacts } from "./wire/surge-facts.ts";
import type { FollowSpec } from "../config/resolve-e2e.ts";

/** "out" or "out=in", comma-separated, against the run's topics (names or roles); a problem in words otherwise. */
export function followsOfRun(
  text: string,
  topics: ReadonlyArray<{ name: string; role: string }>,
): FollowSpec[] | { problem: string } {
  const out: FollowSpec[] = [];
  for (const item of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [outName = "", inName] = item.split("=").map((s) => s.trim());
    const input =
      inName === undefined
        ? topics.length === 1
          ? topics[0]
          : undefined
        : topics.find((t) => t.name === inName || t.role === inName);
    if (!input || outName === "") {
      const names = topics.map((t) => t.name).join(", ");
      return {
        problem:
          inName === undefined
            ? `--follow ${item}: the run wrote ${topics.length} topics (${names}): say which one the pipeline reads, --follow ${outName}=TOPIC`
            : `--follow ${item}: "${inName}" is not a topic of the run (${names})`,
      };
    }
    out.push({ out: outName, in: input.name });
  }
  return out;
}

/** The run's verdict with one more "topic" per followed pipeline, named "IN → OUT". */
export async function verifyFollows(
  s: VerifySettings,
  run: VerifyResult,
  follows: readonly FollowSpec[],
  progress: VerifyProgress,
): Promise<VerifyResult> {
  const started = Date.now();
  const patience = makePatience(s.timeoutMs);
  const kafka = createKafka(s);
  const admin = await connectAdmin(kafka, s);
  const { start, anomalies, end } = run.truth;
  const names = start.topics.map((t) => t.name);
  try {
    const outs = [...new Set(follows.map((f) => f.out))];
    const { spans, absent } = await withPatience("reading partition offsets", patience, () =>
      partitionSpans(admin, outs),
    );
    if (absent.length > 0)
      throw new VerifyFailure(`--follow: topic ${absent.join(", ")} does not exist at ${s.brokers.join(",")}`);
    // One tally per follow, indexed like the run's topics: the output stands in for its input.
    const tallies = follows.map(() => new RunTally(start.run, start.devices, names.length));
    const facts: RecordFacts = { ours: false, device: -1, seq: -1, anomaly: undefined, timestampMs: 0 };
    const reader = new SurgeFacts(start.run);
    progress.phase = "records";
    await readPartitions(
      kafka,
      admin,
      spans,
      (topic, partition, view) => {
        let read = false;
        follows.forEach((f, i) => {
          const t = names.indexOf(f.in);
          const tally = tallies[i];
          if (f.out !== topic || t < 0 || !tally) return;
          if (!read) {
            reader.read(view, facts);
            read = true;
          }
          tally.add(t, tally.order.partition(t, partition), facts);
        });
      },
      { progress, patience },
    );
    const piped = follows.map((f, i) => {
      const t = start.topics.find((x) => x.name === f.in)!;
      const verdict = attributeTopic({
        tally: tallies[i]!,
        topic: names.indexOf(f.in),
        name: t.name,
        role: t.role,
        anomalies,
        totals: end?.topics.find((x) => x.name === t.name),
      });
      return { ...verdict, name: `${f.in} → ${f.out}` };
    });
    const topics = [...run.topics, ...piped];
    const verdict = judge({ start, finished: end !== undefined, topics, allowIncomplete: s.allowIncomplete });
    return {
      ...run,
      topics,
      recordsRead: run.recordsRead + progress.read,
      partitions: run.partitions + spans.length,
      elapsedMs: run.elapsedMs + (Date.now() - started),
      ok: verdict.status === "ok",
      verdict,
    };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
