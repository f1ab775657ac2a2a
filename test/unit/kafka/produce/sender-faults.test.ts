// The sender's fault rules on a fake cluster and a fake clock: request timeout (connection closed
// first), delivery timeout, a leader move mid-request, stale metadata, sequence errors, an unreachable leader,
// back-pressure and the 64 MiB stuck budget.
import assert from "node:assert/strict";
import { test } from "node:test";
import { rig, settle } from "./fake-broker.ts";
import { BUFFER_MAX_BYTES } from "../../../../src/kafka/produce/sender.ts";

test("a request unanswered for --request-timeout closes its connection before the batch is sent again", async () => {
  const r = await rig([1], { requestTimeoutMs: 2000 });
  r.cluster.reply = () => {};
  await r.send("t", 0, ["a"]);
  await r.clock.advance(1900);
  assert.deepEqual(r.cluster.log, ["produce 1 t-0[a]"]);
  await r.clock.advance(200);
  assert.equal(r.cluster.log[1], "abandon 1", "closed before anything else");
  await r.clock.advance(200);
  assert.equal(r.cluster.log[2], "produce 1 t-0[a]", "then retried whole");
  assert.equal(r.health.list()[0]?.state, "unresponsive");
  r.cluster.open[0]!.answer();
  await settle();
  assert.equal(r.fates.get("a"), "acked");
});

test("a request timed out by the connection itself also closes it before the retry", async () => {
  const r = await rig([1]);
  let first = true;
  r.cluster.reply = (q) => {
    if (first) q.fail(Object.assign(new Error("Request Produce timed out"), { name: "KafkaJSRequestTimeoutError" }));
    else q.answer();
    first = false;
  };
  await r.send("t", 0, ["a"]);
  await r.clock.advance(500);
  assert.deepEqual(r.cluster.log, ["produce 1 t-0[a]", "abandon 1", "produce 1 t-0[a]"]);
  assert.equal(r.fates.get("a"), "acked");
});

test("--delivery-timeout: a batch retried until then fails with the last error and says why", async () => {
  const r = await rig([1], { deliveryTimeoutMs: 5000 });
  r.cluster.reply = (q) => q.answer({ "t-0": 6 });
  await r.send("t", 0, ["a"]);
  await r.clock.advance(4900);
  assert.equal(r.fates.get("a"), undefined);
  assert.ok(r.cluster.requests.length >= 5, "retried meanwhile");
  await r.clock.advance(1200);
  assert.match(
    r.fates.get("a") ?? "",
    /^NOT_LEADER_FOR_PARTITION: not acknowledged within --delivery-timeout 5s; last error: /,
  );
});

test("--retries: a batch gives up after that many tries", async () => {
  const r = await rig([1], { maxAttempts: 3 });
  r.cluster.reply = (q) => q.answer({ "t-0": 6 });
  await r.send("t", 0, ["a"]);
  await r.clock.advance(2000);
  assert.equal(r.cluster.requests.length, 3);
  assert.match(r.fates.get("a") ?? "", /not acknowledged after 3 tries \(--retries\)/);
});

test("a non-retriable error fails that batch only; the partition goes on", async () => {
  const r = await rig([1]);
  let first = true;
  r.cluster.reply = (q) => {
    q.answer(first ? { "t-0": 10 } : {}); // MESSAGE_TOO_LARGE
    first = false;
  };
  await r.send("t", 0, ["a"]);
  await r.send("t", 0, ["b"]);
  await r.clock.advance(10);
  assert.match(r.fates.get("a") ?? "", /^MESSAGE_TOO_LARGE/);
  assert.equal(r.fates.get("b"), "acked");
  assert.equal(r.cluster.requests.length, 2);
});

test("a leader move mid-request: the batch goes to the new leader when the metadata says so, the old answer is ignored", async () => {
  const r = await rig([1, 1], { lingerMs: 1 });
  r.cluster.reply = (q) => {
    if (q.nodeId === 2) q.answer();
  };
  await r.send("t", 0, ["a"]);
  await r.send("t", 1, ["b"]);
  await r.clock.advance(1);
  assert.equal(r.cluster.requests.length, 1);
  r.cluster.leaders.set("t", [2, 1]);
  await r.clock.advance(1500); // a request unanswered for 1 s calls for fresh metadata
  assert.ok(r.cluster.metadataCalls >= 2);
  assert.equal(r.fates.get("a"), "acked", "acked by the new leader");
  assert.deepEqual(
    r.cluster.requests.map((q) => q.nodeId),
    [1, 2],
  );
  assert.deepEqual(
    r.cluster.requests[1]!.parts.map((p) => p.partition),
    [0],
  );
  r.cluster.requests[0]!.answer({ "t-0": 0, "t-1": 0 });
  await settle();
  assert.equal(r.fates.get("b"), "acked");
  assert.equal([...r.fates.values()].length, 2, "nothing counted twice");
});

test("metadata naming an older leader epoch (a woken or cut-off broker naming itself) is not followed; a newer one is", async () => {
  const r = await rig([2]);
  r.cluster.epochs.set("t", [6]);
  await r.sender.refresh(["t"]);
  r.cluster.leaders.set("t", [1]); // the leader before the election, which has not heard of it yet
  r.cluster.epochs.set("t", [5]);
  await r.sender.refresh(["t"]);
  await r.send("t", 0, ["a"]);
  await r.clock.advance(10);
  r.cluster.leaders.set("t", [3]);
  r.cluster.epochs.set("t", [7]);
  await r.sender.refresh(["t"]);
  await r.send("t", 0, ["b"]);
  await r.clock.advance(10);
  assert.deepEqual(r.cluster.log, ["produce 2 t-0[a]", "produce 3 t-0[b]"]);
  assert.equal(r.fates.get("a"), "acked");
  assert.equal(r.fates.get("b"), "acked");
});

test("OUT_OF_ORDER_SEQUENCE on the oldest batch: a new producer id, the batch numbered again from 0, sent again", async () => {
  const r = await rig([1], { idempotent: true });
  r.cluster.reply = (q) => q.answer(q.parts[0]!.producerId === 1000n ? { "t-0": 45 } : {});
  await r.send("t", 0, ["a", "b"]);
  await r.clock.advance(1000);
  assert.deepEqual(
    r.cluster.requests.map((q) => [q.parts[0]!.producerId, q.parts[0]!.sequence]),
    [
      [1000n, 0],
      [1001n, 0],
    ],
  );
  assert.equal(r.fates.get("a"), "acked");
});

test("UNKNOWN_PRODUCER_ID (the broker forgot us): a new producer id, sequences from 0 again, nothing lost", async () => {
  const r = await rig([1], { idempotent: true });
  r.cluster.reply = (q) => q.answer();
  await r.send("t", 0, ["x"]);
  await r.clock.advance(0);
  r.cluster.reply = (q) => q.answer(q.parts[0]!.producerId === 1000n ? { "t-0": 59 } : {});
  await r.send("t", 0, ["y"]);
  await r.clock.advance(1000);
  const ys = r.cluster.requests.filter((q) => q.parts[0]!.values[0] === "y");
  assert.deepEqual(
    ys.map((q) => [q.parts[0]!.producerId, q.parts[0]!.sequence]),
    [
      [1000n, 1],
      [1001n, 0],
    ],
  );
  assert.equal(r.fates.get("y"), "acked");
  assert.equal(r.cluster.producerIds, 2);
});

test("OUT_OF_ORDER_SEQUENCE behind a failed earlier batch is that batch's doing: same producer id, resent in order", async () => {
  const r = await rig([1], { idempotent: true, batchBytes: 1 });
  r.cluster.reply = (q) => q.answer();
  await r.send("t", 0, ["a"]);
  await r.clock.advance(0);
  r.cluster.reply = () => {};
  for (const v of ["b", "c", "d"]) {
    await r.send("t", 0, [v]);
    await r.clock.advance(0);
  }
  const [b, c, d] = r.cluster.open;
  b!.answer({ "t-0": 7 }); // b timed out on the broker: retriable
  c!.answer({ "t-0": 45 });
  d!.answer({ "t-0": 45 });
  await settle();
  r.cluster.reply = (q) => q.answer();
  await r.clock.advance(1000);
  const resent = r.cluster.requests
    .slice(4)
    .map((q) => [q.parts[0]!.values.join(""), q.parts[0]!.producerId, q.parts[0]!.sequence]);
  assert.deepEqual(resent[0], ["b", 1000n, 1], "the failed batch first, same id and sequence");
  assert.deepEqual(
    resent
      .slice(1)
      .map((x) => x[0])
      .join(""),
    "cd",
    "then the others, in order",
  );
  assert.equal(r.cluster.producerIds, 1, "no new producer id");
  assert.deepEqual(
    [...r.fates.entries()].filter(([, f]) => f !== "acked"),
    [],
  );
});

test("records for a leader that is known but unreachable fail naming it, not 'none elected'", async () => {
  const r = await rig([1], { deliveryTimeoutMs: 3000 });
  r.cluster.unreachable.add(1);
  await r.send("t", 0, ["a"]);
  await r.send("t", 0, ["b"]);
  await r.clock.advance(3500);
  assert.match(r.fates.get("a") ?? "", /ECONNREFUSED/);
  assert.match(r.fates.get("b") ?? "", /leader 1 of t-0 unreachable from here \(127\.0\.0\.1:9001\)/);
  assert.doesNotMatch(r.fates.get("b") ?? "", /none elected/);
  const none = await rig([-1], { deliveryTimeoutMs: 3000 });
  await none.send("t", 0, ["c"]);
  await none.clock.advance(3500);
  assert.match(none.fates.get("c") ?? "", /^LEADER_NOT_AVAILABLE: .*no leader known for t-0: none elected/);
});

test("back-pressure: flowing partitions are held to their budget; a stuck one holds up to 64 MiB without blocking them", async () => {
  const r = await rig([-1, 1]);
  r.cluster.reply = () => {};
  const big = "x".repeat(1024 * 1024);
  await r.send("t", 1, [big]);
  await r.clock.advance(0);
  assert.equal(r.sender.accepts(2 * 1024 * 1024), true);
  assert.equal(r.sender.accepts(512 * 1024), false, "a flowing partition's bytes count against the flowing budget");
  r.cluster.open[0]!.answer();
  await settle();
  assert.equal(r.sender.accepts(512 * 1024), true, "acks make room");
  // Partition 0 has no leader: its records are stuck, held apart from the flowing budget.
  for (let i = 0; i < 60; i++) await r.send("t", 0, [big]);
  await r.clock.advance(100);
  assert.equal(r.sender.accepts(512 * 1024), true, "60 MiB stuck do not block the flowing partitions");
  for (let i = 0; i < 5; i++) await r.send("t", 0, [big]);
  await r.clock.advance(100);
  assert.ok(r.sender.buffered >= BUFFER_MAX_BYTES);
  assert.equal(r.sender.accepts(512 * 1024), false, "past 64 MiB held, nothing more is taken");
});

test("closing a timed-out request's connection retries the other requests that were on it, nothing lost or doubled", async () => {
  const r = await rig([1, 1], { requestTimeoutMs: 2000 });
  r.cluster.reply = () => {};
  await r.send("t", 0, ["a"]);
  await r.clock.advance(1000);
  await r.send("t", 1, ["b"]);
  await r.clock.advance(1100);
  const abandonAt = r.cluster.log.indexOf("abandon 1");
  assert.ok(abandonAt > 0, r.cluster.log.join("\n"));
  assert.equal(
    r.cluster.log.slice(0, abandonAt).filter((l) => l.startsWith("produce")).length,
    2,
    "both were on the connection",
  );
  r.cluster.reply = (q) => q.answer();
  for (const q of r.cluster.open) q.answer();
  await r.clock.advance(1000);
  const after = r.cluster.log.slice(abandonAt + 1).join(" ");
  assert.match(after, /t-0\[a\]/);
  assert.match(after, /t-1\[b\]/);
  assert.deepEqual([...r.fates.entries()].sort(), [
    ["a", "acked"],
    ["b", "acked"],
  ]);
});
