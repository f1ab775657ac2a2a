/**
 * Progress while verify reads, pulled from a shared counter on its own timer: on a terminal one
 * line rewritten every second, otherwise a plain line every 5 s (logs stay short).
 */
import { duration, thousands } from "../report/format.ts";
import type { VerifyProgress } from "../verify/verify-run.ts";

export interface ProgressOut {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Starts the ticker; the returned function stops it and clears the live line. */
export function showProgress(progress: VerifyProgress, out: ProgressOut, startedMs = Date.now()): () => void {
  const tty = out.isTTY === true;
  let shown = false;
  let phase = progress.phase;
  let phaseStartedMs = startedMs;
  const timer = setInterval(
    () => {
      const now = Date.now();
      if (progress.phase !== phase) {
        phase = progress.phase;
        phaseStartedMs = now;
      }
      const line = progressLine(progress, now - startedMs, now - phaseStartedMs);
      if (tty) out.write(`\r\x1b[2K${line}`);
      else out.write(`${line}\n`);
      shown = true;
    },
    tty ? 1000 : 5000,
  );
  return () => {
    clearInterval(timer);
    if (tty && shown) out.write("\r\x1b[2K");
    shown = false;
  };
}

/** `phaseMs`: how long the current phase has run (the rate and ETA are the phase's own). */
export function progressLine(p: VerifyProgress, elapsedMs: number, phaseMs = elapsedMs): string {
  const seconds = `${(elapsedMs / 1000).toFixed(0)}s`;
  if (p.phase === "connecting") return `surge verify: connecting (${seconds})`;
  const share = p.total > 0 ? ` (${Math.floor((100 * p.read) / p.total)}%)` : "";
  const perSec = phaseMs > 0 ? (p.read * 1000) / phaseMs : 0;
  const eta =
    perSec > 0 && p.total > p.read
      ? `, ${thousands(perSec)}/s, about ${duration(((p.total - p.read) / perSec) * 1000)} left`
      : "";
  return `surge verify: reading ${p.phase}: ${thousands(p.read)} of ${thousands(p.total)} records${share}, ${seconds}${eta}`;
}
