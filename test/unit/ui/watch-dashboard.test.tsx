/** surge watch's dashboard: the run's dashboard drawn from a scripted fleet view, its keys signed fleet commands. */
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { cleanup } from "ink-testing-library";
import { WatchPort } from "../../../src/cli/watch-port.ts";
import { checkControl } from "../../../src/fleet/control-message.ts";
import { FleetView, LATE_MS } from "../../../src/fleet/fleet-view.ts";
import type { FleetMessage } from "../../../src/fleet/message.ts";
import { FleetSteer } from "../../../src/fleet/steer.ts";
import { LatencyHistogram } from "../../../src/metrics/latency-histogram.ts";
import { App } from "../../../src/ui/App.tsx";
import { T0 } from "./fixtures.ts";
import { renderAt, settle, type } from "./render.ts";

afterEach(cleanup);

const TOKEN = "a-fleet-token-of-32-characters!!";

function message(instance: string, host: string, seq: number, atMs: number, acked: number, ms: number): FleetMessage {
  const h = new LatencyHistogram();
  for (let i = 0; i < 100; i++) h.recordMs(ms * (1 + i / 100));
  const wire = { name: "data", latency: h.encode(), latencySumMicros: h.sumMicros, late: h.encode(), lateSumMicros: 0 };
  return {
    v: 1,
    fleet: "f",
    run: "r1",
    instance,
    host,
    segment: instance === "a" ? "0:1/2" : "1/2:1",
    kind: "interval",
    seq,
    atMs,
    state: "running",
    targetRate: 500,
    topics: [{ name: "data", generated: acked, acked, failed: 0, unsent: 0, bytes: acked * 100 }],
    intervals: [{ startMs: atMs - 1000, endMs: atMs, topics: [wire] }],
  };
}

/** Two instances: "a" ran 2 s at 1,000/s, "b" has been silent since its first second (late). */
function scriptedFleet(t0 = T0): FleetView {
  const view = new FleetView("f");
  view.add(message("a", "host-a", 1, t0 + 1000, 1000, 2));
  view.add(message("b", "host-b", 1, t0 + 1000, 1000, 40));
  view.add(message("a", "host-a", 2, t0 + 2000, 2000, 2));
  return view;
}

function fakeProducer() {
  const sent: string[] = [];
  return {
    sent,
    producer: {
      send: async (r: { messages: { value: string | Buffer | null }[] }) => {
        for (const m of r.messages) sent.push(String(m.value));
        return [];
      },
      disconnect: async () => undefined,
    },
  };
}

test("the fleet's merged numbers and a row per instance (segment, host, state, rate, p99)", async () => {
  const view = scriptedFleet();
  const now = T0 + 2000 + LATE_MS - 1000;
  const merged = view.topics()[0]!;
  const rows = view.rows(now);
  const port = new WatchPort(
    view,
    undefined,
    new Promise(() => undefined),
    () => undefined,
    () => now,
  );
  const r = await renderAt(<App engine={port} hz={10} />, 110, 40);
  const frame = r.lastFrame() ?? "";
  // Acked summed over the instances' latest counts; p99 from the histograms added up.
  assert.match(frame, new RegExp(merged.counts.acked.toLocaleString("en-US")));
  assert.ok(merged.latency.p99 > rows.find((x) => x.instance === "a")!.p99);
  assert.match(frame, /instances \(2: 1 running, 1 late\)/);
  for (const row of rows) {
    const line = frame.split("\n").find((l) => l.includes(row.host)) ?? "";
    assert.match(line, new RegExp(row.segment.replace("/", "\\/")));
    assert.match(line, new RegExp(row.status));
    assert.match(line, new RegExp(`p99 +${row.p99.toFixed(row.p99 < 10 ? 2 : 1)} ms`));
  }
});

test("a key press sends a signed fleet command; the rows say how many instances applied it", async () => {
  // The steer stamps commands with the real clock: the fleet's messages are from just now.
  const t0 = Date.now() - 2100;
  const view = scriptedFleet(t0);
  let now = t0 + 2100;
  const { sent, producer } = fakeProducer();
  const steer = FleetSteer.over(producer, "f", TOKEN);
  const port = new WatchPort(
    view,
    steer,
    new Promise(() => undefined),
    () => undefined,
    () => now,
  );
  const r = await renderAt(<App engine={port} hz={10} />, 110, 40);
  await type(r, "+");
  assert.equal(sent.length, 1);
  const checked = checkControl(sent[0]!, TOKEN, "f", Date.now());
  assert.ok(checked && "command" in checked, "signed with the fleet's token");
  assert.deepEqual(checked.command, { type: "nudgeRate", percent: 10 });
  assert.equal(checkControl(sent[0]!, "another-token-of-32-characters!!", "f", Date.now())?.id, checked.id);
  // Instance a answers: one of the two present instances applied it so far.
  view.add({
    ...message("a", "host-a", 3, now, 2000, 2),
    kind: "ack",
    ack: { command: checked.id, ok: true, message: "" },
  });
  now += 100;
  await settle(300);
  assert.match(
    r.lastFrame() ?? "",
    new RegExp(`command ${checked.id} \\(rate \\+10%\\): applied by 1 of 2 instances so far`),
  );
});

test("q leaves the watcher and sends nothing to the fleet", async () => {
  const { sent, producer } = fakeProducer();
  let left = 0;
  const port = new WatchPort(
    scriptedFleet(),
    FleetSteer.over(producer, "f", TOKEN),
    new Promise(() => undefined),
    () => left++,
    () => T0 + 2100,
  );
  const r = await renderAt(<App engine={port} hz={10} />, 110, 40);
  await type(r, "q");
  assert.equal(left, 1);
  assert.deepEqual(sent, []);
});
