/** --metrics, --metrics-grace and --hdr-log: where a run publishes what it measures. */
import { listenAddressValue, type ListenAddress } from "./listen-address.ts";
import type { Sources } from "./sources.ts";
import { durationValue, textValue } from "../common/values.ts";

export interface ExporterSettings {
  /** Serve /metrics, /healthz and /readyz here; off when absent. */
  metrics?: ListenAddress;
  /** How long /metrics stays up after the run ended, so the last scrape sees the final counts. */
  metricsGraceMs: number;
  /** Write an HdrHistogram interval log here; off when absent. */
  hdrLog?: string;
}

export function resolveExporters(src: Sources): ExporterSettings {
  const metrics = src.get("metrics", listenAddressValue);
  const hdrLog = src.get("hdrLog", textValue(4096));
  return {
    ...(metrics ? { metrics } : {}),
    metricsGraceMs: src.get("metricsGrace", durationValue({ minMs: 0, maxMs: 3_600_000 })) ?? 0,
    ...(hdrLog ? { hdrLog } : {}),
  };
}
