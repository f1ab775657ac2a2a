/** A ground-truth record the sink answers as failed (not rejected) counts failed, never written. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ErrorLog } from "../../../src/engine/error-log.ts";
import type { OutRecord, PartialFailure, ProduceSink } from "../../../src/engine/sink.ts";
import { TruthLog } from "../../../src/engine/truth-log.ts";

class RefusingSink implements ProduceSink {
  readonly kind = "fake";
  async connect(): Promise<void> {}
  async prepareTopics(): Promise<string[]> {
    return [];
  }
  async send(_topic: string, records: OutRecord[]): Promise<readonly PartialFailure[]> {
    return [{ code: "CONNECTION_ERROR", message: "connect ECONNREFUSED", indices: records.map((_, i) => i) }];
  }
  async close(): Promise<void> {}
}

test("a run end answered as failed is counted failed and shown as an error of the truth topic", async () => {
  const errors = new ErrorLog();
  const truth = new TruthLog(new RefusingSink(), "surge.anomalies", "run-1", errors, () => 1000);
  truth.runEnd({ endedMs: 1000, topics: [] });
  await truth.drained();
  assert.deepEqual([truth.written, truth.failed], [0, 1]);
  assert.deepEqual(
    errors.snapshot().map((e) => [e.topic, e.code]),
    [["surge.anomalies", "CONNECTION_ERROR"]],
  );
});
