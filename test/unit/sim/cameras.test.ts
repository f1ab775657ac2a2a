import assert from "node:assert/strict";
import { test } from "node:test";
import { checkCamerasEvent } from "../../../src/sim/checks/index.ts";
import { models } from "../../../src/sim/models/index.ts";
import { allProblems, run, START_MS } from "./harness.ts";

test("cameras: 5,000 events, every field present, typed and in range", () => {
  const out = run("cameras", { devices: 12, events: 5000 });
  assert.deepEqual(allProblems(out, checkCamerasEvent), []);
  for (const r of out) assert.equal(r.key, r.record["camera_id"]);
  assert.deepEqual(out[0]?.record, { event_id: Date.UTC(2024, 2, 10, 12) * 1000, timestamp: "2024-03-10 12:00:00", camera_id: "cam-01" });
  assert.equal(out[13]?.record["camera_id"], "cam-02"); // device index modulo the list
});

test("cameras: event_id unique and increasing across 100k events sharing milliseconds", () => {
  const out = run("cameras", { devices: 12, events: 100_000, stepMs: 0.01 }); // 100 events per ms
  const ids = out.map((r) => r.record["event_id"] as number);
  assert.equal(new Set(ids).size, ids.length);
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i]! > ids[i - 1]!);
  // Still the event time in µs: the last id is within a millisecond of its event's time.
  assert.ok(Math.abs(ids[ids.length - 1]! / 1000 - (START_MS + 999.99)) < 1);
});

test("cameras: ids stay unique when the clock goes backwards", () => {
  // Second half replays the first half's timestamps (a clock-skew anomaly).
  const out = run("cameras", { events: 2000, timeOf: (i) => START_MS + (i % 1000) });
  const ids = out.map((r) => r.record["event_id"] as number);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(allProblems(out, checkCamerasEvent), []);
});

test("cameras: custom camera list", () => {
  const out = run("cameras", { devices: 4, events: 8, params: { cameraIds: ["north-1", "south-2"] } });
  assert.deepEqual(out.map((r) => r.key), ["north-1", "south-2", "north-1", "south-2", "north-1", "south-2", "north-1", "south-2"]);
  assert.deepEqual(allProblems(out, (r) => checkCamerasEvent(r, { cameraIds: ["north-1", "south-2"] })), []);
  assert.deepEqual(models["cameras"]!.validate({ cameraIds: ["ok", "bad id"] }).length, 1);
});
