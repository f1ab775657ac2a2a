/**
 * Does the dashboard's memory stay flat? The real App, rendered by Ink to a fake 100×30 terminal
 * at a high frame rate, fed with snapshots whose numbers change every frame: FRAMES frames stand
 * for FRAMES / 10 seconds of a real dashboard (10 Hz). Prints the heap after a full GC every
 * tenth of the way.
 *   bun scripts/dashboard-memory.ts [frames]      (stock Ink 6.8, as every runtime and the binary run it)
 */
import { EventEmitter } from "node:events";
import type { Snapshot } from "../src/engine/snapshot.ts";
import { snapshot, stats, topic } from "../test/unit/ui/fixtures.ts";

delete process.env["CI"];
delete process.env["CONTINUOUS_INTEGRATION"];
process.env["NODE_ENV"] = "production";
// Colour, as in a terminal (chalk reads this once, at import).
process.env["FORCE_COLOR"] ??= "1";
type BunGlobal = { gc(force: boolean): void; version: string };
const bun = (globalThis as unknown as { Bun?: BunGlobal }).Bun;
if (!bun) throw new Error("dashboard-memory measures the binary's runtime: run it with bun");
const { render } = await import("ink");
const { createElement } = await import("react");
const { App } = await import("../src/ui/App.tsx");
const { COLOR_THEME } = await import("../src/ui/theme.ts");
const { PainterContext } = await import("../src/ui/components/Frame.tsx");
const { terminalPainter } = await import("../src/ui/frame/painter.ts");

const FRAMES = Number(process.argv[2] ?? 18_000);

class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 100;
  readonly rows = 30;
  frames = 0;
  write(): boolean {
    this.frames++;
    return true;
  }
}

let n = 0;
/** Every call a different run moment: counters, rates and latencies all move. */
function nextSnapshot(): Snapshot {
  n++;
  const r = (k: number): number => ((n * 7919 + k * 104_729) % 10_007) / 10_007;
  const data = topic("device-data", "data", 19_000 + Math.round(2000 * r(1)), {
    acked: n * 2000,
    generated: n * 2000 + 40,
    latency: stats(3 + r(2), 18 + 5 * r(3), 60 + 100 * r(4), n * 2000),
  });
  const alerts = topic("alerts", "alerts", 700 + Math.round(100 * r(5)), { acked: n * 75 });
  return snapshot({
    elapsedMs: n * 100,
    takenMs: 1_800_000_000_000 + n * 100,
    generatedPerSec: 19_000 + 2000 * r(6),
    ackedPerSec: 20_000 + 2000 * r(7),
    topics: [data, alerts],
  });
}

const terminal = new FakeTerminal();
const engine = { snapshot: nextSnapshot, dispatch: () => ({ ok: true, message: "" }) };
// As run-dashboard.tsx mounts it: the frames painted by surge's painter (DASHBOARD_INK_DRAWS=1: by Ink).
const app = createElement(App, { engine, hz: 1000, theme: COLOR_THEME });
const tree = process.env["DASHBOARD_INK_DRAWS"]
  ? app
  : createElement(PainterContext.Provider, { value: terminalPainter(terminal) }, app);
const instance = render(tree, {
  stdout: terminal as unknown as NodeJS.WriteStream,
  stdin: new EventEmitter() as unknown as NodeJS.ReadStream,
  maxFps: 1000,
  incrementalRendering: false,
  exitOnCtrlC: false,
  patchConsole: false,
});
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
console.log(`dashboard-memory: Bun ${bun.version}, ${FRAMES} frames`);
for (let step = 1; step <= 10; step++) {
  while (terminal.frames < (FRAMES * step) / 10) await new Promise((resolve) => setTimeout(resolve, 20));
  bun.gc(true);
  const m = process.memoryUsage();
  console.log(
    `  ${String(terminal.frames).padStart(7)} frames (${(terminal.frames / 600).toFixed(1)} min at 10 Hz): heap ${mb(m.heapUsed)} MB, rss ${mb(m.rss)} MB`,
  );
}
instance.unmount();
process.exit(0);
