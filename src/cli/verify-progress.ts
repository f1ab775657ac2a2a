/**
 * Progress while verify reads, pulled from a shared counter on its own timer: on a terminal one
 * line rewritten every second, otherwise a plain line every 5 s (logs stay short).
 */
import { thousands } from "../report/format.ts";
import type { VerifyProgress } from "../verify/verify-run.ts";

export interface ProgressOut {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Starts the ticker; the returned function stops it and clears the live line. */
export function showProgress(progress: VerifyProgress, out: ProgressOut, startedMs = Date.now()): () => void {
  const tty = out.isTTY === true;
  let shown = false;
  const timer = setInterval(() => {
    const line = progressLine(progress, Date.now() - startedMs);
    if (tty) out.write(`\r\x1b[2K${line}`);
    else out.write(`${line}\n`);
    shown = true;
  }, tty ? 1000 : 5000);
  return () => {
    clearInterval(timer);
    if (tty && shown) out.write("\r\x1b[2K");
    shown = false;
  };
}

export function progressLine(p: VerifyProgress, elapsedMs: number): string {
  const seconds = `${(elapsedMs / 1000).toFixed(0)}s`;
  if (p.phase === "connecting") return `surge verify: connecting (${seconds})`;
  const share = p.total > 0 ? ` (${Math.floor((100 * p.read) / p.total)}%)` : "";
  return `surge verify: reading ${p.phase}: ${thousands(p.read)} of ${thousands(p.total)} records${share}, ${seconds}`;
}
