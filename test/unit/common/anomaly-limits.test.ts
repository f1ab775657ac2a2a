// Issue 8, defect 3: every anomaly parameter has one range, enforced alike for the scenario's
// timeline, stdin lines, dashboard keys and the engine itself; memory stays bounded inside it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ANOMALY_KINDS } from "../../../src/sim/anomalies/index.ts";
import {
  anomalyParamProblems,
  ANOMALY_DURATION_MS,
  MAX_RUNNING_ANOMALIES,
} from "../../../src/common/anomaly-limits.ts";
import { parseControlLine } from "../../../src/cli/control-line.ts";
import { resolveSettings } from "../../../src/config/resolve.ts";
import { Engine } from "../../../src/engine/engine.ts";
import type { AnomalyRequest } from "../../../src/engine/commands.ts";
import type { ProduceSink } from "../../../src/engine/sink.ts";
import {
  menuOptions,
  moveMenu,
  openMenu,
  type MenuContext,
  type MenuResult,
  type MenuState,
} from "../../../src/ui/anomaly-menu.ts";
import { DryRunSink } from "../../../src/engine/dry-run-sink.ts";
import { counterModel, settings } from "../engine/fixtures.ts";

const base = "model: lab\ndevices: 50\ntopics: {data: sensor-data}\n";

function timelineErrors(inject: string): string[] {
  const result = resolveSettings({
    flags: { scenario: "lab" },
    env: {},
    builtins: { lab: `${base}timeline:\n  - at: 1s\n    inject: ${inject}\n` },
    readFile: () => {
      throw new Error("no files");
    },
    isTTY: false,
    randomSeed: () => 1,
    anomalyKinds: ANOMALY_KINDS,
  });
  return "errors" in result ? result.errors : [];
}

const stdinError = (line: string): string | undefined => {
  const parsed = parseControlLine(line);
  return parsed && "error" in parsed ? parsed.error : undefined;
};

async function engineAnswer(anomaly: AnomalyRequest): Promise<{ ok: boolean; message: string }> {
  const engine = new Engine({ settings: settings({ rate: 10 }), model: counterModel(), sink: new DryRunSink() });
  await engine.start();
  const result = engine.dispatch({ type: "inject", anomaly });
  await engine.stop();
  return result;
}

test("duplicate x1000000 is refused by stdin, the timeline and the engine (it took 5 GB)", async () => {
  assert.match(
    stdinError("inject duplicate 100% 2s x1000000") ?? "",
    /^inject duplicate: magnitude must be a whole number from 1 to 100 \(extra copies of each record\), got "x1000000"$/,
  );
  assert.deepEqual(timelineErrors("{kind: duplicate, share: 100%, for: 2s, magnitude: 1000000}"), [
    "timeline[0].inject.magnitude: must be a whole number from 1 to 100 (extra copies of each record), got 1000000",
  ]);
  const answer = await engineAnswer({ kind: "duplicate", share: 1, durationMs: 2000, magnitude: 1_000_000 });
  assert.equal(answer.ok, false);
  assert.match(answer.message, /^duplicate: magnitude must be a whole number from 1 to 100/);
});

test("each kind's range: its ends pass every source, just beyond them fails every source", async () => {
  for (const kind of ANOMALY_KINDS) {
    const range = kind.magnitudeRange;
    if (!range) {
      assert.match(
        stdinError(`inject ${kind.name} x2`) ?? "",
        new RegExp(`magnitude must be left out: ${kind.name} takes no magnitude`),
      );
      assert.equal(timelineErrors(`{kind: ${kind.name}, magnitude: 2}`).length, 1, kind.name);
      assert.equal(
        (await engineAnswer({ kind: kind.name, share: 0.1, durationMs: 1000, magnitude: 2 })).ok,
        false,
        kind.name,
      );
      continue;
    }
    for (const good of [range.min, range.max]) {
      assert.equal(stdinError(`inject ${kind.name} x${good}`), undefined, `${kind.name} x${good}`);
      assert.deepEqual(timelineErrors(`{kind: ${kind.name}, magnitude: ${good}}`), [], `${kind.name} ${good}`);
      assert.equal(
        (await engineAnswer({ kind: kind.name, share: 0.1, durationMs: 1000, magnitude: good })).ok,
        true,
        `${kind.name} ${good}`,
      );
    }
    for (const bad of [range.min / 2, range.max * 2, -1, 0]) {
      assert.ok(stdinError(`inject ${kind.name} x${bad}`), `stdin ${kind.name} x${bad}`);
      assert.equal(timelineErrors(`{kind: ${kind.name}, magnitude: ${bad}}`).length, 1, `timeline ${kind.name} ${bad}`);
      assert.equal(
        (await engineAnswer({ kind: kind.name, share: 0.1, durationMs: 1000, magnitude: bad })).ok,
        false,
        `engine ${kind.name} ${bad}`,
      );
    }
  }
});

test("share and duration ranges are the same for the three sources", async () => {
  const day = ANOMALY_DURATION_MS.max;
  assert.equal(stdinError("inject spike 24h"), undefined);
  assert.match(
    stdinError("inject spike 25h") ?? "",
    /^inject spike: duration must be a duration from 1ms to 24h, got "25h"$/,
  );
  assert.deepEqual(timelineErrors("{kind: spike, for: 24h}"), []);
  assert.deepEqual(timelineErrors("{kind: spike, for: 25h}"), [
    'timeline[0].inject.for: must be a duration from 1ms to 24h, got "25h"',
  ]);
  assert.equal((await engineAnswer({ kind: "spike", share: 0.1, durationMs: day + 1 })).ok, false);
  assert.equal((await engineAnswer({ kind: "spike", share: 1.5, durationMs: 1000 })).ok, false);
  assert.ok(stdinError("inject spike 150%"));
  assert.equal(timelineErrors("{kind: spike, share: 150%}").length, 1);
});

test("every request the dashboard's anomaly menu can make is inside the ranges", () => {
  const ctx: MenuContext = { kinds: ANOMALY_KINDS, topics: ["t-data", "t-alerts"] };
  const requests: AnomalyRequest[] = [];
  const walk = (state: MenuState): void => {
    const count = menuOptions(state, ctx).length;
    for (let i = 0; i < count; i++) {
      const result: MenuResult = moveMenu({ ...state, cursor: i }, "enter", ctx);
      if ("inject" in result) requests.push(result.inject);
      else if ("state" in result) walk(result.state);
    }
  };
  walk(openMenu());
  assert.ok(requests.length > ANOMALY_KINDS.length * 5, `only ${requests.length} requests`);
  for (const r of requests) {
    const kind = ANOMALY_KINDS.find((k) => k.name === r.kind)!;
    assert.deepEqual(anomalyParamProblems(kind, r), [], JSON.stringify(r));
  }
});

test("at most MAX_RUNNING_ANOMALIES run at once, so a flood of injections stays bounded", async () => {
  const engine = new Engine({ settings: settings({ rate: 10 }), model: counterModel(), sink: new DryRunSink() });
  await engine.start();
  const answers = Array.from({ length: MAX_RUNNING_ANOMALIES + 20 }, () =>
    engine.dispatch({ type: "inject", anomaly: { kind: "spike", share: 0.1, durationMs: 60_000 } }),
  );
  assert.equal(answers.filter((a) => a.ok).length, MAX_RUNNING_ANOMALIES);
  assert.match(answers.at(-1)!.message, /^spike: 100 anomalies are running already; wait for one to end$/);
  assert.equal(engine.snapshot().anomalies.length, MAX_RUNNING_ANOMALIES);
  await engine.stop();
});

/** Never answers: every request slot stays busy, so only back-pressure limits what is built. */
class HungSink implements ProduceSink {
  readonly kind = "hung";
  async connect(): Promise<void> {}
  async prepareTopics(): Promise<string[]> {
    return [];
  }
  send(): Promise<void> {
    return new Promise(() => undefined);
  }
  async close(): Promise<void> {}
}

test("duplicate at its largest magnitude on every device: what is held stays bounded", async () => {
  const max = ANOMALY_KINDS.find((k) => k.name === "duplicate")!.magnitudeRange!.max;
  const engine = new Engine({
    settings: settings({ rate: "max" }),
    model: counterModel(),
    sink: new HungSink(),
    flushTimeoutMs: 50,
  });
  await engine.start();
  assert.ok(
    engine.dispatch({ type: "inject", anomaly: { kind: "duplicate", share: 1, durationMs: 60_000, magnitude: max } })
      .ok,
  );
  await new Promise((r) => setTimeout(r, 300));
  const held = engine.snapshot().totals.generated;
  // Two hung 4 KiB requests plus one open batch, overshot by one 64-event step of 1 + max copies.
  assert.ok(held > 0 && held <= 64 * (1 + max) * 2, `held ${held}`);
  await engine.stop();
});
