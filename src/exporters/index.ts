/** What `surge run` needs to start the exporters its settings ask for. */
import type { RunSettings } from "../config/types.ts";
import { ANOMALY_NAMES } from "../sim/anomalies/index.ts";
import { VERSION } from "../version.ts";
import { RunExporters, type ExportSource } from "./run-exporters.ts";

export { ExporterSetupError, RunExporters } from "./run-exporters.ts";

/** Undefined when neither --metrics nor --hdr-log is given; throws ExporterSetupError when one cannot start. */
export function startRunExporters(
  source: ExportSource,
  settings: RunSettings,
  warn: (line: string) => void,
): Promise<RunExporters | undefined> {
  const exporters = settings.exporters;
  if (!exporters) return Promise.resolve(undefined);
  return RunExporters.start(
    source,
    exporters,
    settings.intervalMs,
    {
      version: VERSION,
      devices: settings.scenario.devices,
      anomalyKinds: ANOMALY_NAMES,
    },
    warn,
  );
}
