/** A partition's queue: batches keep send order, merge up to a size, and take sequences only when idempotent. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Chunk, SendOp } from "../../../src/kafka/produce/partition-lane.ts";
import { PartitionLane, settleChunks } from "../../../src/kafka/produce/partition-lane.ts";

function op(count: number, told: Array<[readonly number[], string | undefined]> = []): SendOp & { resolved: boolean } {
  const o = {
    remaining: count, failures: [], resolved: false,
    resolve: () => (o.resolved = true),
    report: (indices: readonly number[], failure?: { code: string }) => told.push([indices, failure?.code]),
  };
  return o;
}

const chunk = (o: SendOp, values: string[], bytes: number, deadlineMs = 10_000): Chunk => ({
  op: o, indices: values.map((_, i) => i), messages: values.map((value) => ({ key: "k", value })), bytes, deadlineMs,
});

test("a batch takes queued chunks in order up to the size, at least one, with the earliest deadline", () => {
  const lane = new PartitionLane("t", 0);
  const o = op(6);
  lane.queue.push(chunk(o, ["a", "b"], 400, 9000), chunk(o, ["c"], 400, 5000), chunk(o, ["d", "e", "f"], 400));
  const first = lane.formBatch(900, undefined, () => assert.fail("no sequence without a producer id"));
  assert.deepEqual(first.messages.map((m) => m.value), ["a", "b", "c"]);
  assert.equal(first.deadlineMs, 5000);
  assert.equal(first.firstSequence, 0);
  lane.batch = undefined;
  const big = new PartitionLane("t", 1);
  big.queue.push(chunk(o, ["x"], 5000));
  assert.deepEqual(big.formBatch(900, undefined, () => 0).messages.map((m) => m.value), ["x"]);
});

test("with a producer id, each batch takes the next sequence for its record count", () => {
  const lane = new PartitionLane("t", 3);
  const o = op(5);
  const identity = { producerId: 7, producerEpoch: 0, generation: 1 };
  let next = 0;
  const take = (n: number): number => ((next += n), next - n);
  lane.queue.push(chunk(o, ["a", "b"], 10));
  assert.equal(lane.formBatch(10, identity, take).firstSequence, 0);
  lane.batch = undefined;
  lane.queue.push(chunk(o, ["c", "d", "e"], 10));
  assert.equal(lane.formBatch(10, identity, take).firstSequence, 2);
});

test("settled chunks are told to the send's reporter and resolve it once all are done", () => {
  const told: Array<[readonly number[], string | undefined]> = [];
  const o = op(3, told);
  settleChunks([{ ...chunk(o, ["a"], 1), indices: [2] }]);
  assert.equal(o.resolved, false);
  settleChunks([{ ...chunk(o, ["b", "c"], 1), indices: [0, 1] }], { code: "NOT_ENOUGH_REPLICAS", message: "isr" });
  assert.equal(o.resolved, true);
  assert.deepEqual(told, [[[2], undefined], [[0, 1], "NOT_ENOUGH_REPLICAS"]]);
});
