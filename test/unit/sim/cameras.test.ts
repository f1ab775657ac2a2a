import assert from "node:assert/strict";
import { test } from "node:test";
import { checkCamerasEvent } from "../../../src/sim/checks/index.ts";
import { models } from "../../../src/sim/models/index.ts";
import { allProblems, mean, run, sd, START_MS } from "./harness.ts";

test("cameras: 5,000 events, every field present, typed and in range", () => {
  const out = run("cameras", { devices: 12, events: 5000 });
  assert.deepEqual(allProblems(out, checkCamerasEvent), []);
  for (const r of out) {
    assert.equal(r.key, r.record["camera_id"]);
    assert.equal(r.key, `cam-${String((r.device % 12) + 1).padStart(2, "0")}`); // device index modulo the list
  }
  assert.deepEqual(out[0]?.record, {
    event_id: Date.UTC(2024, 2, 10, 12) * 1000,
    timestamp: "2024-03-10 12:00:00",
    camera_id: "cam-01",
  });
  const steady = run("cameras", { devices: 24, events: 30, params: { motionBursts: false } });
  assert.equal(steady.length, 30); // one event per poll
  assert.equal(steady[13]?.record["camera_id"], "cam-02");
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
  const out = run("cameras", {
    devices: 4,
    events: 8,
    params: { cameraIds: ["north-1", "south-2"], motionBursts: false },
  });
  assert.deepEqual(
    out.map((r) => r.key),
    ["north-1", "south-2", "north-1", "south-2", "north-1", "south-2", "north-1", "south-2"],
  );
  assert.deepEqual(
    allProblems(out, (r) => checkCamerasEvent(r, { cameraIds: ["north-1", "south-2"] })),
    [],
  );
  assert.deepEqual(models["cameras"]!.validate({ cameraIds: ["ok", "bad id"] }).length, 1);
});

/** Per camera: gaps (in polls) between consecutive events, and events per poll overall. */
function gaps(params: Record<string, unknown>, polls = 12_000) {
  const out = run("cameras", { devices: 12, events: polls, stepMs: 1000 / 12, params });
  const perCamera: number[] = [];
  for (let d = 0; d < 12; d++) {
    const polled = out.filter((r) => r.device === d).map((r) => Math.floor(r.event / 12));
    for (let i = 1; i < polled.length; i++) perCamera.push(polled[i]! - polled[i - 1]!);
  }
  return { out, gaps: perCamera };
}

test("cameras: motion comes in bursts: events cluster, with quiet gaps between", () => {
  const bursty = gaps({});
  const cv = sd(bursty.gaps) / mean(bursty.gaps);
  // Poisson arrivals have a coefficient of variation of 1; a poll clock has 0.
  assert.ok(cv > 2, `inter-arrival CV ${cv}`);
  // Most events share their poll (gap 0) with another one of the same camera...
  assert.ok(bursty.gaps.filter((g) => g === 0).length > 0.6 * bursty.gaps.length);
  // ...and the quiet gaps are long.
  assert.ok(Math.max(...bursty.gaps) >= 20, `longest gap ${Math.max(...bursty.gaps)} polls`);
  const steady = gaps({ motionBursts: false });
  assert.ok(steady.gaps.every((g) => g === 1));
});

test("cameras: bursts keep the rate: one event per poll on average, never fewer than polled", () => {
  // Long enough for many bursts: a 20-poll burst at 20 events per poll runs ahead by ~380.
  const polls = 120_000;
  for (const params of [{}, { motionShare: 0.05, burstPolls: 20 }, { motionShare: 0.5, burstPolls: 2 }]) {
    const { out } = gaps(params, polls);
    // Prefix by prefix: each camera has sent at least as many events as it was polled.
    const sent = new Array<number>(12).fill(0);
    let next = 0;
    for (let e = 0; e < polls; e++) {
      while (next < out.length && out[next]!.event === e) sent[out[next++]!.device]!++;
      const d = e % 12;
      assert.ok(sent[d]! >= Math.floor(e / 12) + 1, `camera ${d} behind after poll ${e} (${JSON.stringify(params)})`);
    }
    const perPoll = out.length / polls;
    assert.ok(perPoll >= 1 && perPoll < 1.06, `${perPoll} events per poll (${JSON.stringify(params)})`);
  }
});

test("cameras: a camera sees motion for about motionShare of its polls", () => {
  for (const share of [0.1, 0.2, 0.5]) {
    const out = run("cameras", { devices: 12, events: 24_000, params: { motionShare: share } });
    const active = new Set(out.map((r) => r.event)).size / 24_000;
    assert.ok(Math.abs(active - share) < 0.04, `share ${share}: active ${active}`);
  }
});
