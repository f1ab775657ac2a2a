import assert from "node:assert/strict";
import { test } from "node:test";
import { BrokerHealth } from "../../../src/kafka/produce/broker-health.ts";
import { gaveUp, waitedOut } from "../../../src/kafka/produce/failures.ts";

test("records that waited out their deadline with a leader known blame the leader, not the election", () => {
  const why = waitedOut("device-data", 1, 2, "unresponsive", "");
  assert.equal(why.code, "LEADER_UNREACHABLE");
  assert.equal(why.message, "leader 2 of device-data-1 unreachable from here (unresponsive)");
  assert.doesNotMatch(gaveUp(why, 1, 10, 30_000).message, /none elected|no leader/);
  assert.match(gaveUp(why, 1, 10, 30_000).message, /--delivery-timeout 30s; last error: leader 2 of device-data-1 unreachable from here/);
});

test("a leader surge never reached says so without a state", () => {
  assert.equal(waitedOut("t", 0, 3, undefined, "").message, "leader 3 of t-0 unreachable from here");
  assert.equal(waitedOut("t", 0, 3, "up", "").message, "leader 3 of t-0 unreachable from here");
});

test("no leader in the metadata: none elected, or why the metadata could not be had", () => {
  assert.deepEqual(waitedOut("t", 2, -1, undefined, ""), { code: "LEADER_NOT_AVAILABLE", message: "no leader known for t-2: none elected" });
  assert.equal(waitedOut("t", 2, -1, undefined, "no broker answered").message, "no leader known for t-2: no broker answered");
});

test("broker health tells the state the message names", () => {
  const health = new BrokerHealth();
  assert.equal(health.stateOf(1), undefined);
  health.ok(1, "127.0.0.1:1", 0);
  health.trouble(1, "127.0.0.1:1", "unreachable", "refused", 10);
  assert.equal(health.stateOf(1), "unreachable");
});
