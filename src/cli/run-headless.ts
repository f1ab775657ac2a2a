/** Headless mode: periodic lines, control lines on stdin, final summary. */
import { createInterface } from "node:readline";
import type { Engine } from "../engine/engine.ts";
import type { Snapshot } from "../engine/snapshot.ts";
import { finalSummary } from "../report/final-summary.ts";
import { eventLine, intervalLines } from "../report/headless-lines.ts";
import { parseControlLine } from "./control-line.ts";

/** How often run events (anomalies starting and ending, timeline steps) are looked for. */
const EVENT_POLL_MS = 200;

export async function runHeadless(engine: Engine, intervalMs: number): Promise<Snapshot> {
  const timer = setInterval(() => {
    for (const line of intervalLines(engine.snapshot())) console.log(line);
  }, intervalMs);
  let shown = 0;
  const printEvents = (): void => {
    for (const e of engine.recentEvents()) {
      if (e.seq <= shown) continue;
      shown = e.seq;
      console.log(eventLine(e));
    }
  };
  const events = setInterval(printEvents, EVENT_POLL_MS);
  const input = process.stdin.isTTY || process.stdin.readable ? createInterface({ input: process.stdin, terminal: false }) : undefined;
  input?.on("line", (line) => {
    const parsed = parseControlLine(line);
    if (!parsed) return;
    if ("error" in parsed) {
      console.error(`surge: ${parsed.error}`);
      return;
    }
    const result = engine.dispatch(parsed.command);
    console.error(`surge: ${result.message}`);
  });
  // End of stdin (e.g. </dev/null in CI) is not a request to stop.
  input?.on("close", () => undefined);
  const final = await engine.done;
  clearInterval(timer);
  clearInterval(events);
  printEvents();
  input?.close();
  process.stdin.unref?.();
  console.log(finalSummary(final));
  return final;
}
