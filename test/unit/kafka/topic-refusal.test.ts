/** A refused CreateTopics gets the hint that fits the broker's reason, not always "allow creating topics". */
import assert from "node:assert/strict";
import { test } from "node:test";
import { refusalHint } from "../../../src/kafka/topics.ts";

test("too many partitions: the hint names --partitions, not permissions", () => {
  for (const code of ["POLICY_VIOLATION", "INVALID_PARTITIONS"]) {
    const hint = refusalHint(code, 100_000);
    assert.match(hint, /refuses 100,000 partitions per topic/);
    assert.match(hint, /--partitions/);
    assert.doesNotMatch(hint, /allow surge's user/);
  }
});

test("authorization failures ask for the right to create topics", () => {
  assert.match(refusalHint("TOPIC_AUTHORIZATION_FAILED", 3), /allow surge's user to create topics/);
  assert.match(refusalHint("CLUSTER_AUTHORIZATION_FAILED", 3), /allow surge's user to create topics/);
});

test("replication and unknown reasons get their own hints", () => {
  assert.match(refusalHint("INVALID_REPLICATION_FACTOR", 3), /--replication-factor/);
  assert.doesNotMatch(refusalHint("UNKNOWN_SERVER_ERROR", 3), /allow surge's user/);
});
