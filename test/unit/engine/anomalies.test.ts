import { test } from "node:test";
import assert from "node:assert/strict";
import { Engine } from "../../../src/engine/engine.ts";
import type { OutRecord, ProduceSink } from "../../../src/engine/sink.ts";
import type { AnomalyRequest } from "../../../src/engine/commands.ts";
import type { RunSettings } from "../../../src/config/types.ts";
import type { TruthRecord } from "../../../src/truth/records.ts";
import { counterModel, settings } from "./fixtures.ts";
import { recordHeaders } from "../../../src/truth/record-headers.ts";

/** Acks everything at once and keeps every record, per topic, in send order. */
class RecordingSink implements ProduceSink {
  readonly kind = "recording";
  readonly topics = new Map<string, OutRecord[]>();
  prepared: string[] = [];
  async connect(): Promise<void> {}
  async prepareTopics(names: readonly string[]): Promise<string[]> {
    this.prepared = [...names];
    return [];
  }
  async send(topic: string, records: OutRecord[]): Promise<void> {
    const list = this.topics.get(topic) ?? [];
    list.push(...records.map((r) => ({ ...r })));
    this.topics.set(topic, list);
  }
  async close(): Promise<void> {}
  records(topic = "t-data"): OutRecord[] {
    return this.topics.get(topic) ?? [];
  }
}

const header = (r: OutRecord, name: string): string | undefined => recordHeaders(r)?.[name];
const deviceOf = (r: OutRecord): number => Number(header(r, "surge-device"));
const seqOf = (r: OutRecord): number => Number(header(r, "surge-seq"));

async function run(
  over: Partial<RunSettings>,
  anomaly?: AnomalyRequest,
): Promise<{ sink: RecordingSink; engine: Engine }> {
  const sink = new RecordingSink();
  const engine = new Engine({
    settings: settings({ count: 2000, ...over, scenario: { ...settings().scenario, devices: 100 } }),
    model: counterModel(),
    sink,
    runId: "run-1",
  });
  await engine.start();
  if (anomaly) {
    const result = engine.dispatch({ type: "inject", anomaly, source: "test" });
    assert.ok(result.ok, result.message);
  }
  await engine.done;
  return { sink, engine };
}

test("every record carries the run id, its device and a gapless per-device sequence", async () => {
  const { sink } = await run({});
  const records = sink.records();
  assert.equal(records.length, 2000);
  const next = new Map<number, number>();
  for (const r of records) {
    assert.equal(header(r, "surge-run"), "run-1");
    assert.equal(header(r, "surge-anomaly"), undefined);
    const device = deviceOf(r);
    assert.equal(r.key, `d${device}`);
    assert.equal(seqOf(r), next.get(device) ?? 0);
    next.set(device, seqOf(r) + 1);
  }
  assert.equal(next.size, 100);
});

test("spike: only the hit devices' records are marked, and their readings carry the effect", async () => {
  const { sink, engine } = await run({}, { kind: "spike", share: 0.1, durationMs: 60_000 });
  const marked = sink.records().filter((r) => header(r, "surge-anomaly") === "spike");
  const devices = new Set(marked.map(deviceOf));
  assert.equal(devices.size, 10);
  // A contiguous block of 10 devices, each hit on every one of its 20 events.
  const sorted = [...devices].sort((a, b) => a - b);
  assert.equal(sorted.at(-1)! - sorted[0]!, 9);
  assert.equal(marked.length, 200);
  const final = engine.snapshot();
  assert.deepEqual(final.anomalies, [], "the stop ends every anomaly");
  assert.match(final.events[0]?.message ?? "", /^spike started: 10% of devices \(\d+–\d+\) for 60s \(test\)$/);
});

test("dropout builds but does not send: sequence gaps, counted as dropped, not as generated", async () => {
  const { sink, engine } = await run({}, { kind: "dropout", share: 0.05, durationMs: 60_000 });
  const t = engine.snapshot().topics[0]!;
  assert.equal(t.dropped, 5 * 20);
  assert.equal(t.generated, 2000 - 100);
  assert.equal(sink.records().length, 1900);
  assert.equal(new Set(sink.records().map(deviceOf)).size, 95, "the five silent devices sent nothing");
});

test("duplicate: each hit record is sent twice with the same sequence number, both marked", async () => {
  const { sink, engine } = await run({}, { kind: "duplicate", share: 0.05, durationMs: 60_000 });
  const t = engine.snapshot().topics[0]!;
  assert.equal(t.duplicated, 100);
  assert.equal(t.generated, 2100);
  assert.equal(t.acked, 2100);
  const marked = sink.records().filter((r) => header(r, "surge-anomaly") === "duplicate");
  assert.equal(marked.length, 200);
  const seen = new Map<string, number>();
  for (const r of marked) seen.set(`${deviceOf(r)}/${seqOf(r)}`, (seen.get(`${deviceOf(r)}/${seqOf(r)}`) ?? 0) + 1);
  assert.ok([...seen.values()].every((n) => n === 2));
});

test("malformed: hit records stop being the JSON the model wrote", async () => {
  const { sink } = await run({}, { kind: "malformed", share: 0.1, durationMs: 60_000 });
  const marked = sink.records().filter((r) => header(r, "surge-anomaly") === "malformed");
  assert.equal(marked.length, 200);
  for (const r of marked) {
    const healthy = `{"device":${deviceOf(r)},`;
    const value = String(r.value);
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      continue; // invalid JSON: fine
    }
    assert.ok(!value.startsWith(healthy) || typeof (parsed as { ts: unknown }).ts === "string", value);
  }
});

test("late: the hit devices' events are stamped N seconds in the past", async () => {
  const before = Date.now();
  const { sink } = await run({}, { kind: "late", share: 0.1, durationMs: 60_000, magnitude: 300 });
  for (const r of sink.records()) {
    const ts = (JSON.parse(String(r.value)) as { ts: number }).ts;
    if (header(r, "surge-anomaly") === "late") assert.ok(ts < before - 250_000, `late ts ${ts}`);
    else assert.ok(ts >= before - 1000, `on-time ts ${ts}`);
  }
});

test("an anomaly confined to a topic, and requests that cannot work, are answered clearly", async () => {
  const sink = new RecordingSink();
  const engine = new Engine({ settings: settings({ rate: 10 }), model: counterModel(), sink });
  await engine.start();
  const bad = (anomaly: AnomalyRequest): string => engine.dispatch({ type: "inject", anomaly }).message;
  assert.match(
    bad({ kind: "meltdown", share: 0.1, durationMs: 1000 }),
    /unknown anomaly "meltdown"; kinds: spike, drift/,
  );
  assert.match(
    bad({ kind: "spike", share: 0, durationMs: 1000 }),
    /spike: share must be a share of devices like 5% or 0.05 \(above 0, at most 100%\)/,
  );
  assert.match(bad({ kind: "spike", share: 0.1, durationMs: 1000, topic: "nope" }), /no topic "nope"; topics: t-data/);
  const ok = engine.dispatch({
    type: "inject",
    anomaly: { kind: "duplicate", share: 1, durationMs: 1000, topic: "data" },
  });
  assert.match(ok.message, /^duplicate started: all devices on t-data for 1s$/);
  await engine.stop();
});

test("burst multiplies the rate while it runs and gives it back when it ends", async () => {
  const engine = new Engine({ settings: settings({ rate: 100 }), model: counterModel(), sink: new RecordingSink() });
  await engine.start();
  engine.dispatch({ type: "inject", anomaly: { kind: "burst", share: 1, durationMs: 150, magnitude: 4 } });
  assert.equal(engine.snapshot().effectiveRate, 400);
  assert.equal(engine.snapshot().targetRate, 100);
  assert.equal(engine.dispatch({ type: "nudgeRate", percent: 10 }).message, "target rate 110/s (+10%)");
  assert.equal(engine.snapshot().effectiveRate, 440);
  await new Promise((r) => setTimeout(r, 400));
  const s = engine.snapshot();
  assert.equal(s.effectiveRate, 110);
  assert.deepEqual(s.anomalies, []);
  assert.match(s.events.at(-1)?.message ?? "", /^burst ended/);
  await engine.stop();
});

test("ground truth: run start, each anomaly (with its real end when cut short) and run end, in order", async () => {
  const { sink } = await run({ truthTopic: "truth" }, { kind: "dropout", share: 0.1, durationMs: 600_000 });
  assert.ok(sink.prepared.includes("truth"));
  const truth = sink.records("truth").map((r) => {
    assert.equal(r.key, "run-1");
    return JSON.parse(String(r.value)) as TruthRecord;
  });
  assert.deepEqual(
    truth.map((t) => t.type),
    ["run-start", "anomaly", "anomaly", "run-end"],
  );
  const [start, planned, actual, end] = truth;
  assert.ok(start?.type === "run-start" && start.devices === 100 && start.topics[0]?.name === "t-data");
  assert.ok(planned?.type === "anomaly" && actual?.type === "anomaly");
  assert.equal(planned.id, actual.id);
  assert.equal(planned.endMs - planned.startMs, 600_000);
  assert.ok(actual.endMs < planned.endMs, "cut short by the stop");
  assert.deepEqual(actual.devices.count, 10);
  assert.ok(end?.type === "run-end");
  assert.deepEqual(end.topics, [
    { name: "t-data", generated: 1800, acked: 1800, failed: 0, unsent: 0, dropped: 200, duplicated: 0 },
  ]);
});

test("no ground-truth topic: nothing is written there", async () => {
  const { sink } = await run({ truthTopic: "" });
  assert.deepEqual([...sink.topics.keys()], ["t-data"]);
});

test("a timeline injects at its time; a rate profile drives the rate until it is set by hand", async () => {
  const engine = new Engine({
    settings: settings({
      rate: 5,
      profile: { kind: "ramp", from: 100, to: 100_000, durationMs: 60_000 },
      timeline: [{ atMs: 0, kind: "stuck", share: 0.5, durationMs: 60_000 }],
    }),
    model: counterModel(),
    sink: new RecordingSink(),
  });
  await engine.start();
  await new Promise((r) => setTimeout(r, 300));
  const s = engine.snapshot();
  assert.equal(s.anomalies[0]?.kind, "stuck");
  assert.ok(
    typeof s.effectiveRate === "number" && s.effectiveRate > 100 && s.effectiveRate < 5000,
    String(s.effectiveRate),
  );
  assert.match(s.profile, /^ramp 100→100000\/s over 60s$/);
  assert.equal(engine.dispatch({ type: "setRate", rate: 50 }).message, "target rate 50/s (rate profile stopped)");
  await new Promise((r) => setTimeout(r, 250));
  assert.equal(engine.snapshot().effectiveRate, 50);
  assert.equal(engine.snapshot().profile, "");
  await engine.stop();
});

test("the fast header path uses the contract's header names", async () => {
  const { SequenceStamper } = await import("../../../src/engine/sequence-stamper.ts");
  const { HEADER_ANOMALY, HEADER_DEVICE, HEADER_RUN, HEADER_SEQ } = await import("../../../src/truth/headers.ts");
  const stamper = new SequenceStamper("r", 300_000, 2);
  assert.deepEqual(stamper.headers(7, 3, ""), { [HEADER_RUN]: "r", [HEADER_DEVICE]: "7", [HEADER_SEQ]: "3" });
  assert.deepEqual(stamper.headers(299_999, 0, "spike", { trace: "x" }), {
    trace: "x",
    [HEADER_RUN]: "r",
    [HEADER_DEVICE]: "299999",
    [HEADER_SEQ]: "0",
    [HEADER_ANOMALY]: "spike",
  });
  assert.deepEqual([stamper.next(5, 1), stamper.next(5, 1), stamper.next(5, 0), stamper.next(6, 1)], [0, 1, 0, 0]);
});

test("a topic's first request goes alone: later batches wait for its answer (kafkajs let them overtake it)", async () => {
  let releaseFirst = (): void => {};
  let sends = 0;
  const sink: ProduceSink = {
    kind: "gated",
    async connect() {},
    async prepareTopics() {
      return [];
    },
    send() {
      const n = sends++;
      if (n === 0) return new Promise<void>((resolve) => (releaseFirst = resolve));
      return Promise.resolve();
    },
    async close() {},
  };
  const engine = new Engine({
    settings: settings({ count: 3000, producer: { ...settings().producer, batchSize: 512, maxInFlight: 4 } }),
    model: counterModel(),
    sink,
  });
  await engine.start();
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(sends, 1, "nothing else was sent while the first request was unanswered");
  releaseFirst();
  const final = await engine.done;
  assert.equal(final.totals.acked, 3000);
  assert.ok(sends > 10);
});
