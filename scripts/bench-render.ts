/**
 * What the dashboard costs: the real App rendered by Ink at 10 fps to a fake 100×30 terminal,
 * fed by snapshots of four real TopicLedgers taking 100k records/s between them. Run twice for
 * the same wall time, once without the dashboard (the simulated traffic alone) and once with
 * it; the difference in process CPU per second of wall time is the dashboard's share of a core.
 *   bun scripts/bench-render.ts [seconds]        (npm run bench:render; Bun = the binary's runtime)
 * Ink is stock Ink 6.8, as in every runtime and the binary (no patches); the frames go to the
 * terminal through surge's painter (src/ui/frame/painter.ts) as on the dashboard.
 */
import { EventEmitter } from "node:events";
import { cpus } from "node:os";
import type { ReactElement } from "react";
import type { Snapshot } from "../src/engine/snapshot.ts";
import type { EnginePort } from "../src/ui/engine-port.ts";
import { ErrorLog } from "../src/engine/error-log.ts";
import { sumCounts, TopicLedger } from "../src/engine/topic-ledger.ts";

// Ink draws nothing live when it believes it runs in CI; a terminal is what is measured here.
delete process.env["CI"];
delete process.env["CONTINUOUS_INTEGRATION"];
// React's production build, as build.ts defines it for the binary (development is ~2× slower).
process.env["NODE_ENV"] = "production";
// A terminal draws colour; a captured run's stdout is a pipe, where chalk (read once, at import)
// would turn colour off. FORCE_COLOR=0 or BENCH_PLAIN=1 measure without.
process.env["FORCE_COLOR"] ??= "1";
const { render } = await import("ink");
const { createElement } = await import("react");
const { App } = await import("../src/ui/App.tsx");
const { COLOR_THEME, PLAIN_THEME } = await import("../src/ui/theme.ts");
const { DASHBOARD_HZ } = await import("../src/ui/run-dashboard.tsx");
const { PainterContext } = await import("../src/ui/components/Frame.tsx");
const { terminalPainter } = await import("../src/ui/frame/painter.ts");

const SECONDS = Number(process.argv[2] ?? 20);
/** Snapshots per second (the dashboard uses DASHBOARD_HZ); BENCH_HZ to compare. */
const HZ = Number(process.env["BENCH_HZ"] ?? DASHBOARD_HZ);
const RATE = 100_000;
const TICK_MS = 100;
const TOPICS = ["plant.device-data", "plant.alerts", "retail.temperature_reads", "retail.price_lookups"];
/** A few run events for the events panel. */
const EVENTS = Object.freeze([
  { seq: 1, elapsedMs: 1_000, message: "rate profile: sine 50000–150000/s, period 60s" },
  { seq: 2, elapsedMs: 2_000, message: "spike started: 5% of devices (120–169) for 1m00s (key)" },
  { seq: 3, elapsedMs: 2_500, message: "burst started: the fleet ×3 for 10s (timeline)" },
]);
/** Share of the records each topic gets. */
const SHARES = [0.55, 0.05, 0.15, 0.25];

class Traffic {
  readonly ledgers = TOPICS.map((name, i) => new TopicLedger(`role${i}`, name));
  readonly errors = new ErrorLog();
  private readonly startMs = Date.now();
  private readonly enqueued = new Float64Array(RATE);
  private timers: Array<ReturnType<typeof setInterval>> = [];

  start(): void {
    this.errors.record(TOPICS[0]!, "REQUEST_TIMED_OUT", "Request timed out", 2, Date.now());
    this.timers.push(setInterval(() => this.tick(), TICK_MS));
    this.timers.push(setInterval(() => this.ledgers.forEach((l) => l.closeInterval(1000)), 1000));
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
  }

  /** One tick's records per topic: lateness when built, send→ack latency when acked. */
  private tick(): void {
    const now = Date.now();
    this.ledgers.forEach((ledger, i) => {
      const n = Math.round((RATE * (SHARES[i] ?? 0) * TICK_MS) / 1000);
      for (let k = 0; k < n; k++) {
        // A long-tailed latency around 5 ms, lateness around 0.5 ms.
        const u = Math.random();
        this.enqueued[k] = now - (2 + 3 * u + (u > 0.99 ? 60 * Math.random() : 0));
        ledger.recordLateness(0.2 + 0.6 * Math.random() * u);
      }
      ledger.generated += n;
      ledger.recordAcked(now, this.enqueued, n, n * 430);
    });
  }

  snapshot(): Snapshot {
    const now = Date.now();
    const topics = this.ledgers.map((l) => l.snapshot(now));
    return Object.freeze({
      scenario: "bench",
      runId: "bench",
      truthTopic: "",
      profile: "",
      brokers: ["127.0.0.1:19092"],
      seed: 1,
      connection: "connected",
      state: "running",
      takenMs: now,
      elapsedMs: now - this.startMs,
      targetRate: RATE,
      effectiveRate: RATE,
      generatedPerSec: RATE,
      ackedPerSec: topics.reduce((sum, t) => sum + t.window.ackedPerSec, 0),
      behind: 0,
      totals: sumCounts(this.ledgers),
      topics,
      errors: this.errors.snapshot(),
      anomalies: [{ id: 1, kind: "spike", target: "5% of devices", startedMs: now - 1000, endsMs: now + 60_000 }],
      events: EVENTS,
      notice: "target rate 100,000/s",
      intervals: [],
    } satisfies Snapshot);
  }
}

/** A 100×30 terminal that keeps nothing but a count of what was written. */
class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 100;
  readonly rows = 30;
  bytes = 0;
  frames = 0;
  write(chunk: string): boolean {
    this.bytes += chunk.length;
    // Synchronized-output brackets are written apart from the frame itself.
    if (chunk !== "\u001B[?2026h" && chunk !== "\u001B[?2026l") this.frames++;
    return true;
  }
}

interface Measured {
  cpuPerWall: number;
  wallS: number;
}

/**
 * The App as run-dashboard.tsx mounts it: its frames painted on the terminal by surge's painter.
 * BENCH_INK_DRAWS=1: without the painter, Ink draws the frames itself (the way before it).
 */
function dashboard(engine: EnginePort, terminal: FakeTerminal): ReactElement {
  const app = createElement(App, { engine, hz: HZ, theme: process.env["BENCH_PLAIN"] ? PLAIN_THEME : COLOR_THEME });
  if (process.env["BENCH_INK_DRAWS"]) return app;
  return createElement(PainterContext.Provider, { value: terminalPainter(terminal) }, app);
}

async function measure(withDashboard: boolean, terminal: FakeTerminal): Promise<Measured> {
  const traffic = new Traffic();
  traffic.start();
  const engine = { snapshot: () => traffic.snapshot(), dispatch: () => ({ ok: true, message: "" }) };
  const instance = withDashboard
    ? render(dashboard(engine, terminal), {
        stdout: terminal as unknown as NodeJS.WriteStream,
        stdin: new EventEmitter() as unknown as NodeJS.ReadStream,
        maxFps: DASHBOARD_HZ,
        incrementalRendering: false,
        exitOnCtrlC: false,
        patchConsole: false,
      })
    : undefined;
  // Warm up (JIT, histograms filling), then measure.
  await sleep(3000);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await sleep(SECONDS * 1000);
  const cpu = process.cpuUsage(cpu0);
  const wallS = (performance.now() - wall0) / 1000;
  instance?.unmount();
  traffic.stop();
  return { cpuPerWall: (cpu.user + cpu.system) / 1e6 / wallS, wallS };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;

const runtime =
  "Bun" in globalThis
    ? `Bun ${(globalThis as unknown as { Bun: { version: string } }).Bun.version}`
    : `Node ${process.version}`;
console.log(
  `bench-render: ${runtime}, ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${SECONDS} s per run, ${RATE.toLocaleString("en-US")} records/s over 4 topics`,
);
const terminal = new FakeTerminal();
const base = await measure(false, terminal);
console.log(`  traffic alone:        ${pct(base.cpuPerWall)} of a core`);
const dash = await measure(true, terminal);
console.log(
  `  traffic + dashboard:  ${pct(dash.cpuPerWall)} of a core (${(terminal.frames / (SECONDS + 3)).toFixed(1)} frames/s, ${Math.round(terminal.bytes / (SECONDS + 3) / 1024)} KiB/s to the terminal)`,
);
console.log(
  `  dashboard:            ${pct(dash.cpuPerWall - base.cpuPerWall)} of a core at ${HZ} Hz${process.env["BENCH_PLAIN"] ? ", NO_COLOR" : ""}`,
);
process.exit(0);
