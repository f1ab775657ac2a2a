/**
 * The exporters of one run (--metrics, --hdr-log), fed like every front end: snapshots and the
 * closed intervals the engine keeps, polled on their own timer.
 */
import type { ExporterSettings } from "../config/resolve-exporters.ts";
import type { IntervalHistograms, Snapshot } from "../engine/snapshot.ts";
import type { ExpositionFormat } from "./exposition.ts";
import { HdrIntervalLog } from "./hdr-interval-log.ts";
import { IntervalFollower } from "./interval-follower.ts";
import { serveMetrics, type MetricsServer, type Probe } from "./metrics-server.ts";
import { RunHistograms } from "./run-histograms.ts";
import { surgeMetrics, type RunInfo } from "./surge-metrics.ts";
import { E2eRunHistograms } from "./e2e-metrics.ts";

/** What exporters read: the engine, or anything else that produces snapshots (a fleet watcher). */
export interface ExportSource {
  snapshot(): Snapshot;
  recentIntervals(): readonly IntervalHistograms[];
}

const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: "no such directory",
  EACCES: "permission denied",
  EISDIR: "that is a directory",
  EROFS: "read-only file system",
};

/** Thrown when an exporter cannot start (a usage problem: exit 2). */
export class ExporterSetupError extends Error {}

export class RunExporters {
  private readonly follower = new IntervalFollower();
  private readonly histograms = new RunHistograms();
  private readonly e2eHistograms = new E2eRunHistograms();
  private readonly timer: ReturnType<typeof setInterval>;
  private server: MetricsServer | undefined;

  private constructor(
    private readonly source: ExportSource,
    private readonly settings: ExporterSettings,
    private readonly info: RunInfo,
    private readonly log: HdrIntervalLog | undefined,
    intervalMs: number,
    private readonly warn: (line: string) => void,
  ) {
    // Each interval reaches the log as it closes; the engine keeps 8, so a late timer loses none.
    this.timer = setInterval(() => this.pump(), intervalMs);
    this.timer.unref();
  }

  /** Starts what the settings ask for (undefined when nothing); warn gets problems met later. */
  static async start(
    source: ExportSource,
    settings: ExporterSettings,
    intervalMs: number,
    info: RunInfo,
    warn: (line: string) => void,
  ): Promise<RunExporters | undefined> {
    if (!settings.metrics && !settings.hdrLog) return undefined;
    let log: HdrIntervalLog | undefined;
    if (settings.hdrLog) {
      try {
        log = new HdrIntervalLog(settings.hdrLog, info.version, warn);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        const why = FILE_PROBLEMS[code] ?? code;
        throw new ExporterSetupError(`--hdr-log ${settings.hdrLog}: cannot write there (${why})`);
      }
    }
    const exporters = new RunExporters(source, settings, info, log, intervalMs, warn);
    if (settings.metrics) {
      try {
        exporters.server = await serveMetrics(settings.metrics, {
          metrics: (format) => exporters.metricsText(format),
          health: () => exporters.health(),
          ready: () => exporters.ready(),
        });
      } catch (error) {
        exporters.stopNow();
        throw new ExporterSetupError(error instanceof Error ? error.message : String(error));
      }
    }
    return exporters;
  }

  /** e.g. http://127.0.0.1:9464, when --metrics is on. */
  get url(): string | undefined {
    return this.server?.url;
  }

  /**
   * Takes the final snapshot's last intervals and closes the log; with `grace`, /metrics stays up
   * for --metrics-grace so the last scrape sees the final counts.
   */
  async finish(final: Snapshot, grace: boolean): Promise<void> {
    this.pump(final.intervals);
    this.stopNow();
    const graceMs = grace && this.server ? this.settings.metricsGraceMs : 0;
    if (graceMs > 0) {
      this.warn(`${this.url ?? ""}/metrics stays up ${graceMs / 1000}s more (--metrics-grace; Ctrl-C ends it)`);
      await graceOver(graceMs);
    }
    await this.server?.close();
  }

  private stopNow(): void {
    clearInterval(this.timer);
    this.log?.close();
  }

  private pump(recent: readonly IntervalHistograms[] = this.source.recentIntervals()): void {
    for (const interval of this.follower.take(recent)) {
      this.histograms.add(interval);
      this.e2eHistograms.add(interval);
      this.log?.write(interval);
    }
  }

  private metricsText(format: ExpositionFormat): string {
    const snapshot = this.source.snapshot();
    this.pump(snapshot.intervals);
    return surgeMetrics(snapshot, this.histograms, this.info, this.follower.missed, format, this.e2eHistograms);
  }

  private health(): Probe {
    const { connection } = this.source.snapshot();
    return connection === "failed"
      ? { ok: false, text: "unhealthy: the producer gave up connecting" }
      : { ok: true, text: "ok" };
  }

  private ready(): Probe {
    const { connection, state } = this.source.snapshot();
    const connected = connection === "connected" || connection === "dry-run";
    return connected && state === "running"
      ? { ok: true, text: "ready" }
      : { ok: false, text: `not ready: run ${state}, connection ${connection}` };
  }
}

/** Resolves after ms, or at SIGINT/SIGTERM: ending the grace early keeps the run's exit code. */
function graceOver(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const end = (): void => {
      clearTimeout(timer);
      process.off("SIGINT", end);
      process.off("SIGTERM", end);
      resolve();
    };
    const timer = setTimeout(end, ms);
    process.once("SIGINT", end);
    process.once("SIGTERM", end);
  });
}
