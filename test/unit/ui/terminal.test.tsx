/**
 * Terminal manners that need a fresh process (Ink and chalk read CI, NO_COLOR and FORCE_COLOR at
 * import), and the feed's clock: at most 10 snapshots a second, however fast the engine runs.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, test } from "node:test";
import { cleanup, render } from "ink-testing-library";
import { App } from "../../../src/ui/App.tsx";
import { FakeEngine, snapshot } from "./fixtures.ts";
import { settle } from "./render.ts";

afterEach(cleanup);

const probe = fileURLToPath(new URL("./probes/render-probe.tsx", import.meta.url));

function runProbe(mode: string, env: Record<string, string>): Promise<string> {
  const base = { ...process.env };
  delete base["CI"];
  delete base["CONTINUOUS_INTEGRATION"];
  delete base["NO_COLOR"];
  delete base["FORCE_COLOR"];
  return new Promise((resolve, reject) => {
    // stdin is not a terminal here, as when surge's input is redirected: no crash either.
    execFile(
      process.execPath,
      ["--import", "tsx", probe, mode],
      { env: { ...base, ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as string),
    );
  });
}

const SGR_COLOR = /\u001B\[(3\d|4\d|9\d)m/;

test("colours by default, none at all with NO_COLOR (even when FORCE_COLOR asks chalk for them)", async () => {
  const colored = await runProbe("dashboard", { FORCE_COLOR: "1" });
  assert.match(colored, SGR_COLOR);
  assert.ok(colored.includes("device-data"));
  const plain = await runProbe("dashboard", { FORCE_COLOR: "1", NO_COLOR: "1" });
  assert.doesNotMatch(plain, SGR_COLOR);
  assert.ok(plain.includes("device-data"));
  assert.ok(!plain.includes("ERROR"), plain);
});

test("canary: Ink's incremental renderer still moves up one row too few (keep it off until this fails)", async () => {
  // A 3-line frame followed by a change: the cursor sits below the frame, 3 rows under its top.
  const written = await runProbe("incremental", {});
  assert.ok(written.includes("line A 2"), written);
  assert.ok(written.includes("\u001B[2A") && !written.includes("\u001B[3A"), JSON.stringify(written));
});

test("snapshots are polled at the given rate, at most 10 Hz, and not after unmount", async () => {
  let calls = 0;
  const engine = new FakeEngine(snapshot());
  const counting = { snapshot: () => (calls++, engine.snapshot()), dispatch: engine.dispatch.bind(engine) };
  const r = render(<App engine={counting} hz={50} />);
  await settle(1000);
  const inASecond = calls;
  r.unmount();
  await settle(300);
  assert.ok(inASecond >= 8 && inASecond <= 12, `${inASecond} snapshots in 1 s`);
  assert.equal(calls, inASecond);
});

test("a snapshot that draws the same frame is not rendered at all; one that differs is", async () => {
  let current = snapshot();
  // A fresh object per poll, as the engine gives.
  const engine = { snapshot: () => ({ ...current }), dispatch: () => ({ ok: true, message: "" }) };
  const r = render(<App engine={engine} hz={10} />);
  await settle(300);
  const drawn = r.frames.length;
  // Fields the dashboard does not show: nothing for React or Ink to do.
  current = { ...current, seed: 7, totals: { ...current.totals, generated: 99_999 } };
  await settle(500);
  assert.equal(r.frames.length, drawn);
  current = { ...current, ackedPerSec: 3_456 };
  await settle(300);
  assert.equal(r.frames.length, drawn + 1);
  assert.match(r.lastFrame() ?? "", /acked 3,456 rec\/s/);
});

test("the final snapshot is shown as is and polling stops", async () => {
  let calls = 0;
  const engine = new FakeEngine(snapshot());
  const counting = { snapshot: () => (calls++, engine.snapshot()), dispatch: engine.dispatch.bind(engine) };
  const final = snapshot({ state: "stopped", connection: "closed", elapsedMs: 70_000 });
  const r = render(<App engine={counting} hz={10} final={final} />);
  await settle(400);
  assert.equal(calls, 0);
  assert.equal(r.lastFrame()?.split("\n")[0], "surge industrial · STOPPED · 1m10s · closed · 127.0.0.1:19092");
});
