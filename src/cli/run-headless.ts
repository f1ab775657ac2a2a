/** Headless mode: periodic lines, control lines on stdin, final summary. */
import type { RunPort } from "../engine/run-port.ts";
import type { Snapshot } from "../engine/snapshot.ts";
import { finalSummary } from "../report/final-summary.ts";
import { eventLine, intervalLines } from "../report/headless-lines.ts";
import { terminalSafe } from "../report/terminal-safe.ts";
import { parseControlLine } from "./control-line.ts";
import { ComplaintThrottle } from "./complaint-throttle.ts";
import { MAX_LINE_BYTES, readLines } from "./stdin-lines.ts";

/** How often run events (anomalies starting and ending, timeline steps) are looked for. */
const EVENT_POLL_MS = 200;

export async function runHeadless(engine: RunPort, intervalMs: number): Promise<Snapshot> {
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
  const complaints = new ComplaintThrottle((line) => console.error(line));
  // End of stdin (e.g. </dev/null in CI) is not a request to stop.
  const stopReading =
    process.stdin.isTTY || process.stdin.readable
      ? readLines(process.stdin, {
          line: (line) => {
            const parsed = parseControlLine(line);
            if (!parsed) return;
            // What the user typed can come back in either message: never echo it raw.
            if ("error" in parsed) complaints.complain(`surge: ${terminalSafe(parsed.error)}`);
            else console.error(`surge: ${terminalSafe(engine.dispatch(parsed.command).message)}`);
          },
          tooLong: (bytes) =>
            complaints.complain(`surge: ignored a control line of ${bytes} bytes (at most ${MAX_LINE_BYTES})`),
        })
      : undefined;
  const final = await engine.done;
  clearInterval(timer);
  clearInterval(events);
  printEvents();
  stopReading?.();
  complaints.flush();
  process.stdin.pause();
  process.stdin.unref?.();
  console.log(finalSummary(final));
  return final;
}
