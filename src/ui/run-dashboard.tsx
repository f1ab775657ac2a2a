/**
 * The dashboard as a front end: mounts Ink at ≤ 10 fps, waits for the
 * engine to finish (q, Ctrl-C, a signal, --duration), leaves the last frame on screen and prints
 * the final summary below it. A crash unmounts Ink and gives the terminal back first.
 */
import { render } from "ink";
import type { ReactElement } from "react";
import type { Snapshot } from "../engine/snapshot.ts";
import { finalSummary } from "../report/final-summary.ts";
import { App } from "./App.tsx";
import { PainterContext } from "./components/Frame.tsx";
import { terminalPainter } from "./frame/painter.ts";
import type { EnginePort } from "./engine-port.ts";
import { themeFor } from "./theme.ts";

export const DASHBOARD_HZ = 10;
const SHOW_CURSOR = "\u001B[?25h";

export interface DashboardEngine extends EnginePort {
  readonly done: Promise<Snapshot>;
}

/** `summary`: what is printed below the last frame (surge watch prints the fleet's lines instead). */
export async function runDashboard(
  engine: DashboardEngine,
  summary: (final: Snapshot) => string = finalSummary,
): Promise<Snapshot> {
  const theme = themeFor(process.env);
  let leaving = false;
  const restore = (): void => {
    try {
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
    } catch {
      // stdin may already be closed; nothing left to restore.
    }
    process.stdout.write(SHOW_CURSOR);
  };
  const leave = (code: number, line: string): void => {
    if (leaving) return;
    leaving = true;
    instance.unmount();
    restore();
    process.stderr.write(`${line}\n`);
    process.exit(code);
  };
  const forceQuit = (): void => leave(130, "surge: second interrupt: exiting without waiting for the flush");
  const crash = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    const stack =
      process.env["SURGE_DEBUG"] && error instanceof Error ? `\n${error.stack ?? ""}` : " (SURGE_DEBUG=1 shows more)";
    leave(1, `surge: internal error: ${message}${stack}`);
  };

  // The frames go to the terminal through surge's painter; Ink lays out an empty box.
  const painter = terminalPainter(process.stdout);
  const app = (final?: Snapshot): ReactElement => (
    <PainterContext.Provider value={painter}>
      <App engine={engine} hz={DASHBOARD_HZ} theme={theme} final={final} onForceQuit={forceQuit} />
    </PainterContext.Provider>
  );
  const instance = render(app(), {
    maxFps: DASHBOARD_HZ,
    // Ink writes no frame of its own (the painter does), but its incremental writer stays off:
    // Ink 6.8.0's moves the cursor one row too few (test/unit/ui/ink-incremental.test.tsx).
    incrementalRendering: false,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  // Ink exits with the error when a component throws.
  const exited = instance.waitUntilExit().catch(crash);

  const final = await engine.done;
  instance.rerender(app(final));
  instance.unmount();
  await exited;
  process.off("uncaughtException", crash);
  process.off("unhandledRejection", crash);
  process.stdin.unref?.();
  process.stdout.write(`${summary(final)}\n`);
  return final;
}
