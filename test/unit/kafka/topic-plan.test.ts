import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveSettings } from "../../../src/config/resolve.ts";
import { topicPlan } from "../../../src/kafka/topics.ts";

test("replication of created topics: min(3, brokers) by default, min.insync.replicas 2 from 3 replicas", () => {
  assert.deepEqual(topicPlan(1, undefined), { replicationFactor: 1, minInsyncReplicas: 1 });
  assert.deepEqual(topicPlan(2, undefined), { replicationFactor: 2, minInsyncReplicas: 1 });
  assert.deepEqual(topicPlan(3, undefined), { replicationFactor: 3, minInsyncReplicas: 2 });
  assert.deepEqual(topicPlan(5, undefined), { replicationFactor: 3, minInsyncReplicas: 2 });
  assert.deepEqual(topicPlan(5, 1), { replicationFactor: 1, minInsyncReplicas: 1 });
  assert.deepEqual(topicPlan(5, 5), { replicationFactor: 5, minInsyncReplicas: 2 });
});

test("a replication factor above the broker count is refused with both numbers", () => {
  assert.deepEqual(topicPlan(1, 3), { problem: "--replication-factor 3 needs at least 3 brokers; the cluster has 1" });
});

test("--replication-factor and SURGE_REPLICATION_FACTOR are validated; absent means the cluster decides", () => {
  const base = { builtins: { lab: "model: lab\ndevices: 5\ntopics: {data: d}\n" }, readFile: () => "", isTTY: false };
  const absent = resolveSettings({ ...base, flags: { scenario: "lab" }, env: {} });
  assert.ok("settings" in absent && absent.settings.replicationFactor === undefined);
  const given = resolveSettings({ ...base, flags: { scenario: "lab" }, env: { SURGE_REPLICATION_FACTOR: "2" } });
  assert.ok("settings" in given && given.settings.replicationFactor === 2);
  const bad = resolveSettings({ ...base, flags: { scenario: "lab", replicationFactor: "0" }, env: {} });
  assert.ok(
    "errors" in bad && bad.errors.length === 1 && bad.errors[0]!.startsWith("--replication-factor:"),
    JSON.stringify(bad),
  );
});
