// The sender's ordering rules on a fake cluster and a fake clock: batching per partition, one
// request per broker, retries whole and first, sequences, up to 5 in flight with idempotence.
import assert from "node:assert/strict";
import { test } from "node:test";
import { rig, settle } from "./fake-broker.ts";

test("one request per broker carries every ready partition; a batch waits --linger-ms unless it fills --batch-size", async () => {
  const r = await rig([1, 1, 2], { lingerMs: 5, batchBytes: 1000 });
  r.cluster.reply = () => {};
  await r.send("t", 0, ["a"]);
  await r.send("t", 1, ["b"]);
  await r.send("t", 2, ["c"]);
  assert.equal(r.cluster.requests.length, 0, "nothing goes before the linger");
  await r.clock.advance(5);
  assert.deepEqual(r.cluster.log.sort(), ["produce 1 t-0[a] t-1[b]", "produce 2 t-2[c]"]);
  await r.send("t", 2, ["x".repeat(1000)]);
  await r.clock.advance(0);
  assert.equal(r.cluster.requests.length, 2, "partition 2 has a batch in flight: the full one waits for its answer");
  r.cluster.open.find((q) => q.nodeId === 2)!.answer();
  await settle();
  assert.equal(r.cluster.requests.length, 3, "a full batch goes without lingering");
});

test("a full buffer does not linger: once the caller is refused room, open records go out at once", async () => {
  const r = await rig([1], { lingerMs: 1000, batchBytes: 1_000_000 });
  r.cluster.reply = () => {};
  await r.send("t", 0, ["a".repeat(500)]);
  await r.clock.advance(0);
  assert.equal(r.cluster.requests.length, 0, "under the budget, a partly filled batch lingers");
  assert.equal(r.sender.accepts(10_000), true);
  assert.equal(r.sender.accepts(100), false, "over the budget: refused");
  await r.clock.advance(0);
  assert.deepEqual(r.cluster.log, ["produce 1 t-0[" + "a".repeat(500) + "]"], "sent without waiting 1 s");
});

test("a failed batch is sent again whole, before the records after it, and order holds", async () => {
  const r = await rig([1]);
  let first = true;
  r.cluster.reply = (q) => {
    if (first) {
      first = false;
      q.answer({ "t-0": 6 }); // NOT_LEADER_OR_FOLLOWER: retriable
    }
  };
  await r.send("t", 0, ["a", "b"]);
  await r.send("t", 0, ["c"]);
  await r.send("t", 0, ["d"]);
  assert.equal(r.cluster.requests.length, 1, "one batch in flight per partition");
  await r.clock.advance(100); // backoff
  assert.deepEqual(
    r.cluster.requests.map((q) => q.parts[0]!.values),
    [
      ["a", "b"],
      ["a", "b"],
    ],
    "the same batch, whole, first",
  );
  r.cluster.open[0]!.answer();
  await settle();
  assert.deepEqual(r.cluster.requests[2]!.parts[0]!.values, ["c", "d"], "then the records after it, merged");
  r.cluster.open[0]!.answer();
  await settle();
  assert.deepEqual([...r.fates.values()], ["acked", "acked", "acked", "acked"]);
});

test("--idempotent: sequences per partition, the same on a retry; one in flight until the first OK, then up to 5", async () => {
  const r = await rig([1], { idempotent: true, batchBytes: 1 });
  r.cluster.reply = () => {};
  for (const v of ["a", "b", "c", "d", "e", "f", "g", "h"]) await r.send("t", 0, [v]);
  await r.clock.advance(0);
  assert.equal(r.cluster.requests.length, 1, "one batch until an OK answer");
  assert.equal(r.cluster.requests[0]!.parts[0]!.sequence, 0);
  assert.equal(r.cluster.requests[0]!.parts[0]!.producerId, 1000n);
  r.cluster.requests[0]!.answer({ "t-0": 7 }); // REQUEST_TIMED_OUT from the broker: retriable
  await r.clock.advance(100);
  const retry = r.cluster.requests[1]!;
  assert.deepEqual(retry.parts[0]!.values, ["a"]);
  assert.equal(retry.parts[0]!.sequence, 0, "a retry keeps its sequence");
  retry.answer();
  await settle();
  await r.clock.advance(0);
  const after = r.cluster.requests.slice(2);
  assert.equal(after.length, 1, "the next batch takes all the backlog (one batch per partition per request)");
  assert.deepEqual(after[0]!.parts[0]!.values, ["b", "c", "d", "e", "f", "g", "h"]);
  assert.equal(after[0]!.parts[0]!.sequence, 1);
  for (const v of ["i", "j", "k", "l", "m", "n"]) {
    await r.send("t", 0, [v]);
    await r.clock.advance(0);
  }
  const inFlight = r.cluster.open;
  assert.equal(inFlight.length, 5, "after an OK: up to 5 batches of the partition in flight");
  assert.deepEqual(
    inFlight.map((q) => q.parts[0]!.sequence),
    [1, 8, 9, 10, 11],
  );
  for (const q of inFlight) q.answer();
  await r.clock.advance(0);
  assert.deepEqual(
    r.cluster.open.map((q) => q.parts[0]!.values),
    [["m", "n"]],
    "what waited goes as one batch",
  );
  assert.equal(r.cluster.open[0]!.parts[0]!.sequence, 12);
});

test("without --idempotent a partition never has two batches in flight", async () => {
  const r = await rig([1], { batchBytes: 1 });
  r.cluster.reply = () => {};
  for (const v of ["a", "b", "c"]) {
    await r.send("t", 0, [v]);
    await r.clock.advance(0);
    r.cluster.open[0]?.answer();
    await settle();
  }
  await r.send("t", 0, ["d"]);
  await r.send("t", 0, ["e"]);
  await r.clock.advance(0);
  assert.equal(r.cluster.open.length, 1);
  assert.equal(r.cluster.open[0]!.parts[0]!.sequence, -1, "no sequence without a producer id");
});
