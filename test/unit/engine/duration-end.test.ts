// Issue 8, defect 2: --duration ends every run, whatever the rate and whatever was steered mid-run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Engine } from "../../../src/engine/engine.ts";
import { DryRunSink } from "../../../src/engine/dry-run-sink.ts";
import type { Command } from "../../../src/engine/commands.ts";
import type { RunSettings } from "../../../src/config/types.ts";
import { counterModel, settings } from "./fixtures.ts";

const DURATION_MS = 400;
/** Far beyond the duration plus the end catch-up on a loaded machine; the old code never ended. */
const GIVE_UP_MS = 15_000;

async function runUntilDone(over: Partial<RunSettings>, command?: Command) {
  const engine = new Engine({
    settings: settings({ durationMs: DURATION_MS, ...over }),
    model: counterModel(),
    sink: new DryRunSink(),
  });
  await engine.start();
  if (command) engine.dispatch(command);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    engine.done.then((s) => ({ ended: true as const, snapshot: s })),
    new Promise<{ ended: false }>((resolve) => (timer = setTimeout(() => resolve({ ended: false }), GIVE_UP_MS))),
  ]);
  clearTimeout(timer);
  if (!outcome.ended) await engine.stop();
  return outcome;
}

for (const [name, over, command] of [
  ["--rate 2000000", { rate: 2_000_000 }, undefined],
  ["--rate 1000 then rate +300000% (3,001,000/s)", { rate: 1000 }, { type: "nudgeRate", percent: 300_000 }],
  ["--rate 1000 then rate max", { rate: 1000 }, { type: "setRate", rate: "max" }],
  ["--rate 1000 then pause", { rate: 1000 }, { type: "pause" }],
  ["a constant:2000000 profile", { rate: 1000, profile: { kind: "constant", rate: 2_000_000 } }, undefined],
] as Array<[string, Partial<RunSettings>, Command | undefined]>) {
  test(`the duration ends the run: ${name}`, { timeout: GIVE_UP_MS + 10_000 }, async () => {
    const outcome = await runUntilDone(over, command);
    assert.ok(outcome.ended, `still running ${GIVE_UP_MS} ms after a ${DURATION_MS} ms run`);
    assert.equal(outcome.snapshot.state, "stopped");
    const t = outcome.snapshot.totals;
    assert.equal(t.generated, t.acked + t.failed + t.unsent + t.inFlight);
  });
}

test("at a rate the producer keeps up with, exactly the intended events are generated", async () => {
  const outcome = await runUntilDone({ rate: 2000, durationMs: 1000 });
  assert.ok(outcome.ended);
  // Events intended in [0, 1 s) at 2000/s: 2000, each acked or counted behind, none lost.
  assert.equal(outcome.snapshot.totals.generated + outcome.snapshot.behind, 2000);
});
