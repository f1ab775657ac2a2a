/** --e2e, --e2e-sample, --follow OUT[=IN] (repeatable), --match $.path and --follow-grace, validated. */
import type { Sources } from "./sources.ts";
import { brokersValue } from "./brokers.ts";
import { topicNameProblem } from "./topics.ts";
import type { E2eSettings, FollowSpec, TopicSettings } from "./types.ts";

export type { E2eSettings, FollowSpec };
import { durationValue, type Parser } from "../common/values.ts";

export const DEFAULT_FOLLOW_GRACE_MS = 10_000;
/**
 * --e2e at --rate max without --e2e-sample stamps every 10th record, and below 100 % the read-back
 * reads the tail only: reading everything back at the producer's ceiling took up to half of it.
 */
export const MAX_RATE_SAMPLE = 0.1;

/** "1%", "0.5 %", "0.01" or "1" → a share in (0, 1]. */
export const sampleValue: Parser<number> = (raw) => {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  const percent = text.endsWith("%");
  const n = Number(percent ? text.slice(0, -1).trim() : text);
  const share = percent ? n / 100 : n;
  if (text === "" || !Number.isFinite(share) || share <= 0 || share > 1) {
    return { ok: false, problem: "must be a share above 0 and at most 100%, like 1%, 10% or 0.05" };
  }
  return { ok: true, value: share };
};

/** The run's e2e settings, or undefined when neither --e2e nor --follow is given (problems go to `src`). */
export function resolveE2e(
  src: Sources,
  topics: readonly TopicSettings[] | undefined,
  rateIsMax = false,
): E2eSettings | undefined {
  const readBack = src.bool("e2e") ?? false;
  const followText = src.present("follow");
  const sample = src.get("e2eSample", sampleValue);
  const graceMs = src.get("followGrace", durationValue({ minMs: 0, maxMs: 3_600_000 }));
  const matchText = src.present("match");
  const followBrokers = src.get("followBrokers", brokersValue);
  if (followBrokers && !followText)
    src.conflict("--follow-brokers needs --follow (it names the cluster the pipeline writes OUT to)");
  if (!readBack && !followText) {
    for (const [flag, given] of [
      ["--e2e-sample", sample],
      ["--follow-grace", graceMs],
      ["--match", matchText],
    ] as const) {
      if (given !== undefined) src.conflict(`${flag} needs --e2e or --follow`);
    }
    return undefined;
  }
  const follows = followText && topics ? parseFollows(followText.raw, followText.where, topics, src) : [];
  let match: E2eSettings["match"];
  if (matchText) {
    const parsed = parseJsonPath(matchText.raw.trim());
    if ("problem" in parsed) src.conflict(`${matchText.where}: ${parsed.problem}`);
    else match = { path: matchText.raw.trim(), keys: parsed.keys };
    if (!followText)
      src.conflict("--match needs --follow (it says how to find surge's records in a pipeline's output)");
  }
  return {
    readBack,
    sample: sample ?? (rateIsMax && follows.length === 0 ? MAX_RATE_SAMPLE : 1),
    follows,
    ...(match ? { match } : {}),
    graceMs: graceMs ?? DEFAULT_FOLLOW_GRACE_MS,
    ...(followBrokers ? { followBrokers } : {}),
  };
}

/** "out", "out=in", comma-separated (a repeated --follow arrives joined by commas). */
function parseFollows(text: string, where: string, topics: readonly TopicSettings[], src: Sources): FollowSpec[] {
  const out: FollowSpec[] = [];
  for (const item of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [outName = "", inName, extra] = item.split("=").map((s) => s.trim());
    if (extra !== undefined || outName === "") {
      src.conflict(
        `${where}: "${item}" is not OUT or OUT=IN (the pipeline's output topic, then the surge topic it reads)`,
      );
      continue;
    }
    const problem = topicNameProblem(outName);
    if (problem) {
      src.conflict(`${where}: output topic "${outName}" ${problem}`);
      continue;
    }
    const input = inName === undefined ? soleTopic(topics) : topics.find((t) => t.name === inName || t.role === inName);
    if (!input) {
      const names = topics.map((t) => t.name).join(", ");
      src.conflict(
        inName === undefined
          ? `${where}: surge writes ${topics.length} topics (${names}): name the one the pipeline reads, --follow ${outName}=TOPIC`
          : `${where}: "${inName}" is not a topic this run writes (${names})`,
      );
      continue;
    }
    if (input.name === outName) {
      src.conflict(`${where}: the output topic must differ from the input topic ${outName}`);
      continue;
    }
    out.push({ out: outName, in: input.name });
  }
  return out;
}

const soleTopic = (topics: readonly TopicSettings[]): TopicSettings | undefined =>
  topics.length === 1 ? topics[0] : undefined;

/** The path's keys, or a problem in words. Only dotted keys: `$.event_id`, `$.device.id`. */
export function parseJsonPath(path: string): { keys: string[] } | { problem: string } {
  if (!/^\$(\.[A-Za-z_][A-Za-z0-9_-]*)+$/.test(path)) {
    return { problem: `"${path}" is not a path like $.event_id or $.device.id (dotted field names after $)` };
  }
  return { keys: path.slice(2).split(".") };
}
