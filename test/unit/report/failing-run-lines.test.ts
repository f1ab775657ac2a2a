/** A failing run shows as it happens: failed counts, the latest error, brokers that do not answer; the summary names the cause. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { finalSummary } from "../../../src/report/final-summary.ts";
import { intervalLines } from "../../../src/report/headless-lines.ts";
import { snapshot, T0 } from "../ui/fixtures.ts";

const failing = snapshot({
  totals: { generated: 10_000, acked: 7_000, failed: 2_500, unsent: 0, inFlight: 500, bytes: 1 },
  errors: [
    {
      topic: "device-data",
      code: "UNKNOWN_TOPIC_OR_PARTITION",
      message: "topic device-data does not exist on the cluster",
      count: 2_500,
      lastSeenMs: T0 - 400,
    },
  ],
  brokerStates: [
    { id: 1, address: "127.0.0.1:19092", state: "up", sinceMs: T0 - 60_000 },
    { id: 2, address: "127.0.0.1:19102", state: "unresponsive", sinceMs: T0 - 4_200 },
  ],
});

test("the total line counts failures; the latest error and silent brokers get lines of their own", () => {
  const lines = intervalLines(failing);
  assert.match(
    lines.find((l) => l.includes("total target"))!,
    / failed 2,500/,
  );
  assert.ok(lines.includes("[  1m05s] brokers 2 (127.0.0.1:19102) unresponsive for 4.2s"), lines.join("\n"));
  assert.ok(
    lines.includes(
      "[  1m05s] last error device-data UNKNOWN_TOPIC_OR_PARTITION ×2,500 (0.4s ago): topic device-data does not exist on the cluster",
    ),
    lines.join("\n"),
  );
});

test("a healthy run prints neither line; an old error is not repeated", () => {
  assert.equal(intervalLines(snapshot()).length, 3);
  const old = snapshot({ errors: [{ ...failing.errors[0]!, lastSeenMs: T0 - 60_000 }] });
  assert.ok(!intervalLines(old).some((l) => l.includes("last error")));
});

test("events skipped during an outage are blamed on the brokers, not the producer", () => {
  const outage = snapshot({
    behind: 9_000,
    events: [{ seq: 1, elapsedMs: 12_000, message: "broker 2 (127.0.0.1:19102) unresponsive: no answer for 3.0 s" }],
  });
  assert.match(finalSummary(outage), /behind schedule: 9,000 .*Kafka stopped acknowledging for a while/);
  assert.match(finalSummary(snapshot({ behind: 9_000 })), /the producer could not keep up/);
});
