/**
 * Delivery accounting per part of a batch: what the sink tells part by part counts at once (a
 * stuck partition does not hide the others' acks), nothing is counted twice, and room for more
 * sends comes from the sink when it has its own measure.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ErrorLog } from "../../../src/engine/error-log.ts";
import { Pipeline } from "../../../src/engine/pipeline.ts";
import type { OutRecord, PartialFailure, PartReporter, ProduceSink } from "../../../src/engine/sink.ts";
import { TopicLedger } from "../../../src/engine/topic-ledger.ts";

interface Pending {
  records: OutRecord[];
  report: PartReporter | undefined;
  resolve(failures?: readonly PartialFailure[]): void;
}

class HeldSink implements ProduceSink {
  readonly kind = "fake";
  readonly sends: Pending[] = [];
  room = true;
  askedFor = -1;
  accepts?: (flowing: number) => boolean;
  constructor(withRoom: boolean) {
    if (withRoom) this.accepts = (flowing) => ((this.askedFor = flowing), this.room);
  }
  async connect(): Promise<void> {}
  async prepareTopics(): Promise<string[]> {
    return [];
  }
  send(_topic: string, records: OutRecord[], report?: PartReporter): Promise<void | readonly PartialFailure[]> {
    return new Promise((resolve) => this.sends.push({ records, report, resolve }));
  }
  async close(): Promise<void> {}
}

const records = (n: number): OutRecord[] => Array.from({ length: n }, (_, i) => ({ key: `d${i}`, value: `v${i}` }));
const clock = { now: () => 1000 };
const flushMicrotasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(sink: HeldSink): { pipeline: Pipeline; ledger: TopicLedger; errors: ErrorLog } {
  const ledger = new TopicLedger("data", "t");
  const errors = new ErrorLog();
  const pipeline = new Pipeline(sink, [ledger], errors, clock, { batchSize: 1_000_000, lingerMs: 0, maxInFlight: 3 });
  return { pipeline, ledger, errors };
}

test("parts told by the sink count at once; the send's end counts nothing twice", async () => {
  const sink = new HeldSink(false);
  const { pipeline, ledger, errors } = setup(sink);
  for (const r of records(5)) pipeline.add(0, r, 1000);
  pipeline.flushDue(1000, true);
  const send = sink.sends[0]!;
  send.report!([0, 2]);
  assert.equal(ledger.acked, 2, "acked before the whole send settled");
  send.report!([1, 3], { code: "NOT_LEADER_OR_FOLLOWER", message: "moved" });
  assert.equal(ledger.failed, 2);
  assert.deepEqual(
    errors.snapshot().map((e) => [e.code, e.count]),
    [["NOT_LEADER_OR_FOLLOWER", 2]],
  );
  send.report!([4]);
  send.resolve([]);
  await flushMicrotasks();
  assert.deepEqual([ledger.acked, ledger.failed, ledger.inFlight], [3, 2, 0]);
});

test("a sink that answers only at the end: listed failures fail, the rest is acked", async () => {
  const sink = new HeldSink(false);
  const { pipeline, ledger } = setup(sink);
  for (const r of records(4)) pipeline.add(0, r, 1000);
  pipeline.flushDue(1000, true);
  sink.sends[0]!.resolve([{ code: "UNKNOWN_TOPIC_OR_PARTITION", message: "gone", indices: [1, 2] }]);
  await flushMicrotasks();
  assert.deepEqual([ledger.acked, ledger.failed, ledger.inFlight], [2, 2, 0]);
});

test("room for more sends comes from the sink's own measure when it has one", async () => {
  const sink = new HeldSink(true);
  const { pipeline } = setup(sink);
  // A topic's first send goes alone until it is answered.
  pipeline.add(0, { key: "k", value: "v" }, 1000);
  pipeline.flushDue(1000, true);
  sink.sends[0]!.resolve();
  await flushMicrotasks();
  for (let i = 1; i < 10; i++) {
    pipeline.add(0, { key: "k", value: "v" }, 1000);
    pipeline.flushDue(1000, true);
  }
  // Beyond maxInFlight (3) sends: the sink said it had room.
  assert.equal(sink.sends.length, 10);
  assert.equal(sink.askedFor, 3 * 1_000_000);
  sink.room = false;
  pipeline.add(0, { key: "k", value: "v" }, 1000);
  pipeline.flushDue(1000, true);
  assert.equal(sink.sends.length, 10);
});
