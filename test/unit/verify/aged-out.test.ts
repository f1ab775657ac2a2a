import { test } from "node:test";
import assert from "node:assert/strict";
import { belowLogStart, retentionExplains, type TopicRetention } from "../../../src/verify/aged-out.ts";
import { attributeTopic } from "../../../src/verify/attribute.ts";
import { judge, verdictLine } from "../../../src/verify/verdict.ts";
import type { AckedOffsetsRecord } from "../../../src/truth/records.ts";
import { fleet, RUN, START_MS, tallyOf } from "./fabricate.ts";

const MiB = 1024 * 1024;
const DAY = 86_400_000;
const bytes = (retentionBytes: number): TopicRetention => ({
  cleanupPolicy: ["delete"],
  retentionBytes,
  retentionMs: 7 * DAY,
});

/** One acked-offsets record per 10 s: partition 0 gets offsets [10i, 10i + 9] in interval i. */
function acked(intervals: number, topic = "data"): AckedOffsetsRecord[] {
  return Array.from({ length: intervals }, (_, i) => ({
    type: "acked-offsets" as const,
    run: RUN,
    fromMs: START_MS + i * 10_000,
    toMs: START_MS + (i + 1) * 10_000,
    topics: { [topic]: [[0, 10 * i, 10 * i + 9, 10] as [number, number, number, number]] },
  }));
}

test("records below the log start of a partition at its retention.bytes are aged out", () => {
  const b = belowLogStart(
    "data",
    acked(5),
    [{ partition: 0, logStart: 25, sizeBytes: 3 * MiB }],
    bytes(2 * MiB),
    START_MS + 60_000,
  );
  assert.deepEqual(b, {
    agedOut: 25,
    unexplained: 0,
    reasons: ["retention.bytes"],
    partitions: [{ partition: 0, acked: 25, reason: "retention.bytes" }],
    known: true,
  });
});

test("a small partition with young records: the moved log start is not retention's doing", () => {
  const b = belowLogStart(
    "data",
    acked(5),
    [{ partition: 0, logStart: 25, sizeBytes: 100_000 }],
    bytes(2 * MiB),
    START_MS + 60_000,
  );
  assert.equal(b.agedOut, 0);
  assert.equal(b.unexplained, 25);
  assert.equal(b.partitions[0]?.reason, undefined);
  // Without a size (DescribeLogDirs refused) retention.bytes cannot explain it either.
  assert.equal(
    belowLogStart(
      "data",
      acked(5),
      [{ partition: 0, logStart: 25, sizeBytes: undefined }],
      bytes(2 * MiB),
      START_MS + 60_000,
    ).unexplained,
    25,
  );
});

test("records older than retention.ms are aged out; younger ones are not", () => {
  const r: TopicRetention = { cleanupPolicy: ["delete"], retentionBytes: -1, retentionMs: 30_000 };
  // Offsets 0-24 were acked in intervals 0-2 (the newest from START_MS + 20 s).
  const old = belowLogStart("data", acked(5), [{ partition: 0, logStart: 25, sizeBytes: 10 }], r, START_MS + 50_000);
  assert.deepEqual([old.agedOut, old.unexplained, old.reasons], [25, 0, ["retention.ms"]]);
  const young = belowLogStart("data", acked(5), [{ partition: 0, logStart: 25, sizeBytes: 10 }], r, START_MS + 49_999);
  assert.deepEqual([young.agedOut, young.unexplained], [0, 25]);
});

test("compact-only topics never delete by retention; no acked offsets: nothing known", () => {
  const compact: TopicRetention = { cleanupPolicy: ["compact"], retentionBytes: 0, retentionMs: 0 };
  assert.equal(
    retentionExplains(compact, { partition: 0, logStart: 5, sizeBytes: MiB }, START_MS, START_MS + DAY),
    undefined,
  );
  const none = belowLogStart("data", [], [{ partition: 0, logStart: 25, sizeBytes: 3 * MiB }], bytes(MiB), START_MS);
  assert.deepEqual(none, { agedOut: 0, unexplained: 0, reasons: [], partitions: [], known: false });
});

test("other topics' and partitions' spans are not counted; a span crossing the log start counts its part", () => {
  const records = [...acked(3), ...acked(3, "other")];
  const b = belowLogStart(
    "data",
    records,
    [
      { partition: 0, logStart: 15, sizeBytes: 3 * MiB },
      { partition: 1, logStart: 0, sizeBytes: 0 },
    ],
    bytes(MiB),
    START_MS,
  );
  assert.equal(b.agedOut, 15);
  assert.deepEqual(
    b.partitions.map((p) => p.partition),
    [0],
  );
});

test("attribution: aged-out records leave nothing unexplained, the verdict names them and their share; --require-all fails", () => {
  // 10 devices x 20 rounds on one partition; retention took the first 50 records (5 rounds).
  const f = fleet({ devices: 10, rounds: 20, partitions: 1 });
  f.partitions[0] = f.partitions[0]!.slice(50);
  const tally = tallyOf(10, f.partitions);
  const belowStart = {
    agedOut: 50,
    unexplained: 0,
    reasons: ["retention.bytes" as const],
    partitions: [{ partition: 0, acked: 50, reason: "retention.bytes" as const }],
    known: true,
  };
  const v = attributeTopic({
    tally,
    topic: 0,
    name: "data",
    role: "data",
    anomalies: [],
    totals: f.totals,
    retention: bytes(MiB),
    belowStart,
  });
  assert.equal(v.missing.total, 50);
  assert.equal(v.missing.agedOut, 50);
  assert.equal(v.missing.unexplained, 0);
  const start = {
    type: "run-start" as const,
    run: RUN,
    scenario: "lab",
    seed: 1,
    devices: 10,
    topics: [{ role: "data", name: "data" }],
    startedMs: START_MS,
  };
  const ok = judge({ start, finished: true, topics: [v], allowIncomplete: false });
  assert.equal(ok.status, "ok");
  assert.deepEqual(ok.agedOut, ["50 of data (25% of the run)"]);
  assert.equal(
    verdictLine(ok),
    "OK: nothing verifiable was lost that was not injected; " +
      "aged out by retention (acked, deleted before verify read them, not verified): 50 of data (25% of the run)",
  );
  const strict = judge({ start, finished: true, topics: [v], allowIncomplete: false, requireAll: true });
  assert.equal(strict.status, "failed");
  assert.equal(verdictLine(strict), "FAILED: aged out 50 of data (25% of the run) (--require-all)");
  // Unexplained movement of the log start stays loss.
  const lost = attributeTopic({
    tally,
    topic: 0,
    name: "data",
    role: "data",
    anomalies: [],
    totals: f.totals,
    retention: bytes(MiB),
    belowStart: { ...belowStart, agedOut: 0, unexplained: 50, reasons: [] },
  });
  assert.equal(lost.missing.unexplained, 50);
  assert.equal(judge({ start, finished: true, topics: [lost], allowIncomplete: false }).status, "failed");
});

test("a compacted topic: holes below a key's last record are compaction's, a missing last record is loss", () => {
  const compact: TopicRetention = { cleanupPolicy: ["compact"], retentionBytes: -1, retentionMs: -1 };
  const f = fleet({ devices: 5, rounds: 10, partitions: 1 });
  // Compaction kept only the last record of each device (rounds 0-8 gone)...
  const kept = f.partitions[0]!.filter((r) => r.facts.seq === 9);
  const v = attributeTopic({
    tally: tallyOf(5, [kept]),
    topic: 0,
    name: "data",
    role: "data",
    anomalies: [],
    totals: f.totals,
    retention: compact,
  });
  assert.deepEqual([v.missing.total, v.missing.compacted, v.missing.unexplained], [45, 45, 0]);
  // ... and when device 4's last record is gone too, that one is lost.
  const lastLost = kept
    .filter((r) => r.facts.device !== 4)
    .concat(f.partitions[0]!.filter((r) => r.facts.device === 4 && r.facts.seq === 8));
  const w = attributeTopic({
    tally: tallyOf(5, [lastLost]),
    topic: 0,
    name: "data",
    role: "data",
    anomalies: [],
    totals: f.totals,
    retention: compact,
  });
  assert.equal(w.missing.unexplained, 1);
});
