/** Every key reaches the engine as the command the footer promises, through stdin like a person's. */
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { cleanup, render } from "ink-testing-library";
import type { Command } from "../../../src/engine/commands.ts";
import { App } from "../../../src/ui/App.tsx";
import { FakeEngine, snapshot } from "./fixtures.ts";
import { KEYS, renderAt, settle, type } from "./render.ts";
import { app } from "./scenes.tsx";

afterEach(cleanup);

async function commandsFor(...keys: string[]): Promise<Command[]> {
  const engine = new FakeEngine(snapshot());
  const r = await renderAt(app(engine), 100, 30);
  await type(r, ...keys);
  return engine.commands;
}

test("+ and - nudge the rate by ±10 %, ↑ and ↓ by ±1 %", async () => {
  assert.deepEqual(await commandsFor("+", "-", KEYS.up, KEYS.down), [
    { type: "nudgeRate", percent: 10 },
    { type: "nudgeRate", percent: -10 },
    { type: "nudgeRate", percent: 1 },
    { type: "nudgeRate", percent: -1 },
  ]);
});

test("digits then Enter set the exact rate; Backspace erases one, Esc throws them away", async () => {
  assert.deepEqual(await commandsFor("1", "2", "5", "0", KEYS.backspace, "0", "0", KEYS.enter), [
    { type: "setRate", rate: 12500 },
  ]);
  assert.deepEqual(await commandsFor("9", "9", KEYS.escape, KEYS.enter), []);
  // A pasted number arrives in one piece.
  assert.deepEqual(await commandsFor("4000", KEYS.enter), [{ type: "setRate", rate: 4000 }]);
});

test("space toggles pause, r resets the histograms, q stops", async () => {
  assert.deepEqual(await commandsFor(" ", "r", "q"), [
    { type: "togglePause" },
    { type: "resetHistograms" },
    { type: "stop" },
  ]);
});

test("Ctrl-C stops once; the second Ctrl-C asks to leave at once", async () => {
  const engine = new FakeEngine(snapshot());
  let forced = 0;
  const r = render(<App engine={engine} hz={10} onForceQuit={() => forced++} />);
  await type(r, KEYS.ctrlC);
  assert.deepEqual(engine.commands, [{ type: "stop" }]);
  assert.equal(forced, 0);
  await type(r, KEYS.ctrlC);
  assert.equal(forced, 1);
  assert.equal(engine.commands.length, 1);
});

test("a → Enter ×4 injects the first kind with its default share and duration", async () => {
  assert.deepEqual(await commandsFor("a", KEYS.enter, KEYS.enter, KEYS.enter, KEYS.enter), [
    { type: "inject", anomaly: { kind: "spike", share: 0.05, durationMs: 10_000 }, source: "key" },
  ]);
});

test("the anomaly menu can pick another kind, a topic and a duration", async () => {
  // dropout (4th kind), down past the six shares to the second topic (alerts), 30 s.
  const keys = ["a", KEYS.down, KEYS.down, KEYS.down, KEYS.enter];
  keys.push(...Array.from({ length: 6 }, () => KEYS.down), KEYS.enter, KEYS.down, KEYS.enter, KEYS.enter);
  assert.deepEqual(await commandsFor(...keys), [
    { type: "inject", anomaly: { kind: "dropout", share: 1, durationMs: 30_000, topic: "alerts" }, source: "key" },
  ]);
});

test("burst (fleet-wide) skips the devices step", async () => {
  const keys = ["a", KEYS.down, KEYS.down, KEYS.down, KEYS.down, KEYS.enter, KEYS.enter, KEYS.enter];
  assert.deepEqual(await commandsFor(...keys), [
    { type: "inject", anomaly: { kind: "burst", share: 1, durationMs: 10_000 }, source: "key" },
  ]);
});

test("Esc leaves the anomaly menu without a command, and keys act normally again", async () => {
  assert.deepEqual(await commandsFor("a", KEYS.enter, KEYS.escape, "+"), [{ type: "nudgeRate", percent: 10 }]);
  // Backspace on the first step closes the menu too; in the menu, + does nothing.
  assert.deepEqual(await commandsFor("a", "+", KEYS.backspace, "r"), [{ type: "resetHistograms" }]);
});

test("the command's answer shows in the status line", async () => {
  const engine = new FakeEngine(snapshot());
  const r = await renderAt(app(engine), 100, 30);
  await type(r, "a", KEYS.enter, KEYS.enter, KEYS.enter, KEYS.enter);
  assert.equal(r.lastFrame()?.split("\n")[2], '› anomaly "spike" is not available yet');
  await type(r, " ");
  assert.equal(r.lastFrame()?.split("\n")[2], "› did togglePause");
});

test("a new engine notice replaces the last command's answer", async () => {
  const engine = new FakeEngine(snapshot());
  const r = render(<App engine={engine} hz={10} />);
  await type(r, "+");
  assert.equal(r.lastFrame()?.split("\n")[2], "› did nudgeRate");
  engine.current = snapshot({ notice: "spike ended (5% of devices)" });
  await settle(250);
  assert.equal(r.lastFrame()?.split("\n")[2], "› spike ended (5% of devices)");
});

test("keys that arrive in one chunk (typed ahead, pasted) each count, Enter included", async () => {
  assert.deepEqual(await commandsFor("a\r\r\r\r"), [
    { type: "inject", anomaly: { kind: "spike", share: 0.05, durationMs: 10_000 }, source: "key" },
  ]);
});
