import assert from "node:assert/strict";
import { test } from "node:test";
import { VerifyFailure } from "../../../src/verify/connect.ts";
import { isTransient, withPatience, type Patience } from "../../../src/verify/retry.ts";

/** A fake clock: sleeping moves it, nothing waits. */
function fakePatience(timeoutMs: number): Patience & { slept: number[] } {
  let clock = 0;
  const slept: number[] = [];
  return {
    deadlineMs: timeoutMs,
    timeoutMs,
    now: () => clock,
    slept,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
  };
}

const coordinatorError = (): Error =>
  Object.assign(new Error("Failed to find group coordinator"), {
    name: "KafkaJSGroupCoordinatorNotFound",
    retriable: true,
  });

test("transient broker errors are retried with backoff until they pass", async () => {
  const p = fakePatience(60_000);
  let calls = 0;
  const value = await withPatience("reading the records", p, async () => {
    if (++calls < 4) throw coordinatorError();
    return "read";
  });
  assert.equal(value, "read");
  assert.deepEqual(p.slept, [250, 500, 1000]);
});

test("at the deadline verify gives up with a message that says so (no verdict), naming the error", async () => {
  const p = fakePatience(3000);
  await assert.rejects(
    withPatience("reading the records", p, async () => {
      throw Object.assign(new Error("There is no leader for this topic-partition"), {
        type: "LEADER_NOT_AVAILABLE",
        retriable: true,
      });
    }),
    (error: Error) => {
      assert.ok(error instanceof VerifyFailure);
      assert.match(
        error.message,
        /^gave up reading the records after 4 attempts over 3 s: the cluster kept answering LEADER_NOT_AVAILABLE \(There is no leader for this topic-partition\); no verdict: nothing was judged lost/,
      );
      return true;
    },
  );
});

test("errors that will not pass are not retried", async () => {
  const p = fakePatience(60_000);
  const auth = Object.assign(new Error("SASL PLAIN authentication failed"), { name: "KafkaJSSASLAuthenticationError" });
  await assert.rejects(
    withPatience("x", p, async () => {
      throw auth;
    }),
    /SASL PLAIN/,
  );
  await assert.rejects(
    withPatience("x", p, async () => {
      throw new VerifyFailure("no run");
    }),
    /no run/,
  );
  assert.deepEqual(p.slept, []);
  assert.equal(
    isTransient(Object.assign(new Error("x"), { type: "TOPIC_AUTHORIZATION_FAILED", retriable: false })),
    false,
  );
  assert.equal(
    isTransient(
      Object.assign(new Error("Connection error: connect ECONNREFUSED 127.0.0.1:1"), {
        name: "KafkaJSConnectionError",
      }),
    ),
    true,
  );
  assert.equal(
    isTransient(
      Object.assign(new Error("This server is not the leader for that topic-partition"), {
        type: "NOT_LEADER_OR_FOLLOWER",
      }),
    ),
    true,
  );
});
