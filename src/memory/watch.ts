/** Runs a SoftMemoryLimit on a timer for the length of a run and reports what it did. */
import { residentBytes, runtimeCollector } from "./collector.ts";
import { SoftMemoryLimit } from "./soft-limit.ts";

/** Four looks a second: at 300 MB/s of garbage a look every 250 ms keeps the overshoot near 75 MB. */
const CHECK_MS = 250;

export interface MemoryReport {
  /** 0 = off. */
  softLimitBytes: number;
  peakRssBytes: number;
  collections: number;
}

export interface MemoryWatch {
  stop(): MemoryReport;
}

export function watchMemory(limitBytes: number): MemoryWatch {
  const collect = runtimeCollector();
  const limit = new SoftMemoryLimit({
    limitBytes: limitBytes > 0 && collect ? limitBytes : Number.POSITIVE_INFINITY,
    rss: residentBytes,
    collect: collect ?? (() => undefined),
    now: () => performance.now(),
  });
  const timer = setInterval(() => limit.check(), CHECK_MS);
  timer.unref?.();
  return {
    stop(): MemoryReport {
      clearInterval(timer);
      limit.check();
      return {
        softLimitBytes: limitBytes > 0 && collect ? limitBytes : 0,
        peakRssBytes: Math.max(limit.peakRssBytes, peakFromKernel()),
        collections: limit.collections,
      };
    },
  };
}

/** The kernel's high-water mark (sees peaks between looks); 0 where the runtime cannot tell. */
function peakFromKernel(): number {
  try {
    return process.resourceUsage().maxRSS * 1024;
  } catch {
    return 0;
  }
}
