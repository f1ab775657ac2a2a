/**
 * Verify's per-life logic on scripted records: a split run (two shares) whose first share was
 * SIGKILLed and restarted as a second life numbering from LIFE_SEQS. The dead life's records are
 * neither duplicates nor loss, those past its last recorded acked offsets are "in flight", and
 * the restarted life's run-end completes the run.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { equalSegment, ownedItems, segmentText } from "../../../src/common/segment.ts";
import { LIFE_SEQS, type TruthRecord } from "../../../src/truth/records.ts";
import { attributeTopic } from "../../../src/verify/attribute.ts";
import { LifeBook } from "../../../src/verify/lives.ts";
import { RunTally, type RecordFacts } from "../../../src/verify/run-tally.ts";
import { TruthCollector, type RunTruth } from "../../../src/verify/run-truth.ts";
import { textReport } from "../../../src/verify/text-report.ts";
import { judge } from "../../../src/verify/verdict.ts";
import { RUN, START_MS } from "./fabricate.ts";

const DEVICES = 12;
const TOPIC = "data";
const S0 = segmentText(equalSegment(0, 2));
const S1 = segmentText(equalSegment(1, 2));
const start = (segment: string, life: number, atMs: number): TruthRecord => ({
  type: "run-start",
  run: RUN,
  scenario: "lab",
  seed: 1,
  devices: DEVICES,
  topics: [{ role: "data", name: TOPIC }],
  startedMs: atMs,
  segment,
  ...(life > 0 ? { life, seqBase: life * LIFE_SEQS } : {}),
});
const end = (segment: string, life: number, generated: number): TruthRecord => ({
  type: "run-end",
  run: RUN,
  endedMs: START_MS + 60_000,
  topics: [{ name: TOPIC, generated, acked: generated, failed: 0, unsent: 0, dropped: 0, duplicated: 0 }],
  segment,
  ...(life > 0 ? { life } : {}),
});

/**
 * One partition. Share 0's first life sends `dead` rounds of its devices, of which the first
 * `ackedRounds` it recorded as acked, then dies; its second life and share 1 send `rounds` each.
 */
function scripted(dead: number, ackedRounds: number, rounds: number): { truth: RunTruth; records: RecordFacts[] } {
  const mine = [...ownedItems(equalSegment(0, 2), DEVICES)];
  const theirs = [...ownedItems(equalSegment(1, 2), DEVICES)];
  const records: RecordFacts[] = [];
  const send = (device: number, seq: number): void => {
    records.push({
      ours: true,
      device,
      seq,
      anomaly: undefined,
      timestampMs: START_MS,
      partition: 0,
      offset: records.length,
    });
  };
  for (let r = 0; r < dead; r++) for (const d of mine) send(d, r);
  const lastAcked = ackedRounds * mine.length - 1;
  for (let r = 0; r < rounds; r++) for (const d of mine) send(d, LIFE_SEQS + r);
  for (let r = 0; r < rounds; r++) for (const d of theirs) send(d, r);
  const collector = new TruthCollector();
  const truth: TruthRecord[] = [
    start(S0, 0, START_MS),
    start(S1, 0, START_MS + 100),
    {
      type: "acked-offsets",
      run: RUN,
      fromMs: START_MS,
      toMs: START_MS + 10_000,
      topics: { [TOPIC]: [[0, 0, lastAcked, lastAcked + 1]] },
      segment: S0,
    },
    start(S0, 1, START_MS + 20_000),
    end(S1, 0, rounds * theirs.length),
    end(S0, 1, rounds * mine.length),
  ];
  for (const t of truth) collector.add(JSON.stringify(t));
  const choice = collector.choose(RUN, "truth");
  assert.ok("truth" in choice);
  return { truth: choice.truth, records };
}

function verifyScripted(dead: number, ackedRounds: number, rounds: number) {
  const { truth, records } = scripted(dead, ackedRounds, rounds);
  const book = truth.lives ? new LifeBook(truth.lives, DEVICES, [TOPIC]) : undefined;
  const tally = new RunTally(RUN, DEVICES, 1, book);
  const order = tally.order.partition(0, 0);
  for (const r of records) tally.add(0, order, r);
  const v = attributeTopic({ tally, topic: 0, name: TOPIC, role: "data", anomalies: [], totals: truth.end?.topics[0] });
  return { truth, v };
}

test("a share restarted as a later life: nothing duplicated, nothing lost, the dead life's tail in flight", () => {
  const mine = ownedItems(equalSegment(0, 2), DEVICES).length;
  const { truth, v } = verifyScripted(8, 5, 10);
  assert.ok(truth.end, "the restarted life's run-end completes the run");
  assert.deepEqual(
    truth.lives?.map((l) => [l.segment, l.life, l.died]),
    [
      [S0, 0, true],
      [S0, 1, false],
      [S1, 0, false],
    ],
  );
  assert.equal(v.received, 8 * mine + 10 * DEVICES);
  assert.equal(v.duplicates.total, 0);
  assert.equal(v.missing.total, 0);
  assert.equal(v.extra, 0);
  assert.deepEqual(v.died, [{ segment: S0, life: 0, distinct: 8 * mine, inFlight: 3 * mine }]);

  const verdict = judge({ start: truth.start, finished: true, topics: [v], allowIncomplete: false });
  assert.equal(verdict.status, "ok");
  const text = textReport({
    truth,
    truthTopic: "truth",
    topics: [v],
    absentTopics: [],
    partitions: 1,
    recordsRead: v.received,
    elapsedMs: 100,
    ok: true,
    verdict,
  });
  assert.match(
    text,
    new RegExp(`restarted: instance ${S0} ran 2 lives: life 1 .*died without run-end.*; life 2 .*seq from 67,108,864`),
  );
  assert.match(text, new RegExp(`in flight +${3 * mine}  when instance ${S0} died \\(life 1\\)`));
});

test("a hole inside a dead life is still loss; one in the restarted life too, named by its real seq", () => {
  const { truth, records } = scripted(4, 4, 6);
  const mine = ownedItems(equalSegment(0, 2), DEVICES)[0] as number;
  const drop = (seq: number): number => records.findIndex((r) => r.device === mine && r.seq === seq);
  records.splice(drop(1), 1);
  records.splice(drop(LIFE_SEQS + 2), 1);
  const book = new LifeBook(truth.lives ?? [], DEVICES, [TOPIC]);
  const tally = new RunTally(RUN, DEVICES, 1, book);
  for (const r of records) tally.add(0, tally.order.partition(0, 0), r);
  const v = attributeTopic({ tally, topic: 0, name: TOPIC, role: "data", anomalies: [], totals: truth.end?.topics[0] });
  assert.equal(v.duplicates.total, 0);
  assert.equal(v.missing.inGaps, 2);
  assert.equal(v.missing.unexplained, 2);
  assert.deepEqual(
    v.missing.examples.map((e) => e.from),
    [1, LIFE_SEQS + 2],
  );
});

test("a run without restarts has no lives and reads as before", () => {
  const collector = new TruthCollector();
  collector.add(JSON.stringify(start(S0, 0, START_MS)));
  collector.add(JSON.stringify(start(S1, 0, START_MS)));
  const choice = collector.choose(RUN, "truth");
  assert.ok("truth" in choice);
  assert.equal("lives" in choice.truth, false);
  assert.deepEqual(choice.truth.segments, [S0, S1]);
});
