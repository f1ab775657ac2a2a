/**
 * At every terminal size from 40×12 to 140×50 the frame fits: no line wider than the terminal,
 * never as tall as the screen (Ink would clear it on every frame). Also: resizes are followed.
 */
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { cleanup } from "ink-testing-library";
import { planLayout } from "../../../src/ui/layout.ts";
import { renderAt, resize, settle } from "./render.ts";
import { app, busy, fourTopics } from "./scenes.tsx";

afterEach(cleanup);

/** Every character the dashboard draws is one cell wide. */
const width = (line: string): number => [...line].length;

const SIZES: Array<readonly [number, number]> = [];
for (const columns of [40, 50, 60, 72, 80, 81, 100, 120, 140]) {
  for (const rows of [12, 16, 20, 24, 30, 50]) SIZES.push([columns, rows]);
}

for (const [name, engine] of [
  ["two topics, anomalies, errors", busy],
  ["four topics", fourTopics],
] as const) {
  test(`${name}: fits every size`, async () => {
    for (const [columns, rows] of SIZES) {
      const r = await renderAt(app(engine()), columns, rows);
      const lines = (r.lastFrame() ?? "").split("\n");
      const where = `${columns}×${rows}`;
      assert.ok(lines.length <= rows - 1, `${where}: ${lines.length} lines`);
      for (const line of lines) assert.ok(width(line) <= columns, `${where}: ${width(line)} wide: ${line}`);
      r.unmount();
    }
  });
}

test("80×24 keeps every panel for two topics; shorter terminals drop the events, gaps, sparklines, errors, then latency", () => {
  const at = (rows: number, columns = 80): string[] => {
    const l = planLayout({ columns, rows, topics: 2, anomalies: 1, errors: 1, events: 1 });
    return (["gaps", "sparklines", "latency", "anomalies", "errors", "events"] as const).filter((k) => l[k]);
  };
  assert.deepEqual(at(24), ["gaps", "sparklines", "latency", "anomalies", "errors", "events"]);
  assert.deepEqual(at(23), ["sparklines", "latency", "anomalies", "errors", "events"]);
  assert.deepEqual(at(20), ["sparklines", "latency", "anomalies", "errors", "events"]);
  assert.deepEqual(at(19), ["latency", "anomalies", "errors", "events"]);
  assert.deepEqual(at(16), ["anomalies"]);
  // Narrow: the panels stack, so more of them must go.
  assert.deepEqual(at(30, 60), ["gaps", "sparklines", "latency", "anomalies", "errors", "events"]);
  assert.deepEqual(at(24, 60), ["sparklines", "latency", "anomalies", "errors"]);
  assert.deepEqual(at(20, 60), ["latency", "anomalies"]);
});

test("a resize redraws at the new size", async () => {
  const r = await renderAt(app(busy()), 100, 30);
  assert.ok((r.lastFrame() ?? "").includes("acked/s, last 60 s"));
  resize(r, 60, 16);
  // The redraw follows the resize event by a frame or two; on a loaded machine that is more than 15 ms.
  for (let waited = 0; waited < 2000 && (r.lastFrame() ?? "").includes("acked/s"); waited += 10) await settle(10);
  const frame = r.lastFrame() ?? "";
  assert.ok(!frame.includes("acked/s"), frame);
  assert.ok(frame.split("\n").every((l) => width(l) <= 60));
});
