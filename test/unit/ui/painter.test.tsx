/**
 * The dashboard's painter: the terminal gets exactly the frame Ink would have drawn, written and
 * replaced the way Ink's own writer (log-update) does it, while Ink itself writes nothing.
 */
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import ansiEscapes from "ansi-escapes";
import { cleanup, render } from "ink-testing-library";
import { App } from "../../../src/ui/App.tsx";
import { PainterContext } from "../../../src/ui/components/Frame.tsx";
import { eraseRows, terminalPainter } from "../../../src/ui/frame/painter.ts";
import { busy, fourTopics } from "./scenes.tsx";
import { renderAt, resize, settle } from "./render.ts";

afterEach(cleanup);

const HIDE = "\u001B[?25l";
const SYNC = (body: string): string => `\u001B[?2026h${body}\u001B[?2026l`;

function recorder(isTTY: boolean): { writes: string[]; write(s: string): void; isTTY: boolean } {
  const writes: string[] = [];
  return { writes, write: (s) => void writes.push(s), isTTY };
}

test("rows are erased as Ink's writer erases them", () => {
  for (const n of [0, 1, 2, 5, 31]) assert.equal(eraseRows(n), ansiEscapes.eraseLines(n), `${n} rows`);
});

test("a frame replaces the last one in place (a narrower terminal is cleared); the same frame is not written again", () => {
  const out = recorder(true);
  const painter = terminalPainter(out);
  painter.paint(["a", "bb"], 80);
  painter.paint(["a", "bb"], 80);
  painter.paint(["x", "y", "z"], 80);
  // Wider: the old rows did not wrap, erasing them is enough; narrower: they did, clear the screen.
  painter.paint(["x", "y", "z"], 100);
  painter.paint(["x", "y"], 60);
  assert.deepEqual(out.writes, [
    SYNC(`${HIDE}a\nbb\n`),
    // Two frame rows and the cursor's own row below them.
    SYNC(`${eraseRows(3)}x\ny\nz\n`),
    SYNC(`${eraseRows(4)}x\ny\nz\n`),
    SYNC(`\u001B[2J\u001B[Hx\ny\n`),
  ]);
  const piped = recorder(false);
  terminalPainter(piped).paint(["a"], 80);
  assert.deepEqual(piped.writes, [`${HIDE}a\n`], "no synchronized-output brackets outside a terminal");
});

test("with a painter, the frames are the ones Ink draws without it, and Ink writes none", async () => {
  for (const [name, engine] of Object.entries({ busy, fourTopics })) {
    const inked = await renderAt(<App engine={engine()} hz={10} />, 100, 30);
    const expected = inked.lastFrame() ?? "";
    inked.unmount();

    const painted: string[] = [];
    const painter = { paint: (lines: readonly string[]) => void painted.push(lines.join("\n")) };
    const r = render(
      <PainterContext.Provider value={painter}>
        <App engine={engine()} hz={10} />
      </PainterContext.Provider>,
    );
    resize(r, 100, 30);
    for (let waited = 0; waited < 2000 && painted.at(-1) !== expected; waited += 10) await settle(10);
    assert.equal(painted.at(-1), expected, `${name}: the painted frame`);
    assert.ok(
      r.frames.every((f) => f === ""),
      `${name}: Ink wrote ${r.frames.filter(Boolean).length} frames of its own`,
    );
    r.unmount();
  }
});
