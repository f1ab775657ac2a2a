/**
 * HdrHistogram interval log (format 1.3, as HdrHistogram's HistogramLogWriter writes it): one
 * line per topic and kind (`<topic>.latency`, `<topic>.lateness`) for every closed interval.
 * Values are microseconds; the max column is in milliseconds.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { IntervalHistograms } from "../engine/snapshot.ts";
import { e2eLogLines } from "./e2e-metrics.ts";

const secs = (ms: number): string => (ms / 1000).toFixed(3);

/** The lines of a log whose timestamps count from `baseMs` (epoch ms). */
export function hdrLogHeader(baseMs: number, version: string): string {
  return [
    `#[Logged with surge ${version}; values in microseconds, Interval_Max in milliseconds]`,
    "#[Histogram log format version 1.3]",
    `#[StartTime: ${secs(baseMs)} (seconds since epoch), ${new Date(baseMs).toISOString()}]`,
    `#[BaseTime: ${secs(baseMs)} (seconds since epoch)]`,
    '"StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"',
    "",
  ].join("\n");
}

export function hdrLogLines(interval: IntervalHistograms, baseMs: number): string {
  const start = secs(interval.startMs - baseMs);
  const length = secs(interval.endMs - interval.startMs);
  let out = "";
  for (const t of interval.topics) {
    for (const [kind, h] of [
      ["latency", t.latency],
      ["lateness", t.late],
    ] as const) {
      out += `Tag=${t.name}.${kind},${start},${length},${(h.maxMicros / 1000).toFixed(3)},${h.encode()}\n`;
    }
  }
  if (interval.e2e) out += e2eLogLines(interval.e2e, start, length);
  return out;
}

/** Appends intervals to the file as they close; the header goes in with the first one. */
export class HdrIntervalLog {
  private fd: number | undefined;
  private baseMs = NaN;

  /** Throws (a Node error with a `code`) when the file cannot be created. */
  constructor(
    readonly path: string,
    private readonly version: string,
    private readonly warn: (line: string) => void,
  ) {
    this.fd = openSync(path, "w");
  }

  write(interval: IntervalHistograms): void {
    if (this.fd === undefined) return;
    try {
      if (Number.isNaN(this.baseMs)) {
        this.baseMs = interval.startMs;
        writeSync(this.fd, hdrLogHeader(this.baseMs, this.version));
      }
      writeSync(this.fd, hdrLogLines(interval, this.baseMs));
    } catch (error) {
      // A full disk must not end the run: say so once and stop logging.
      this.warn(
        `--hdr-log ${this.path}: writing failed (${(error as NodeJS.ErrnoException).code ?? String(error)}); the log ends here`,
      );
      this.close();
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
