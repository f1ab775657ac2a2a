/** The summary JSON's `memory` section: the soft limit, the process's peak RSS and the collections asked for. */
import type { MemoryReport } from "./watch.ts";

const mb = (bytes: number): number => Math.round(bytes / 1024 ** 2);

export function withMemory(doc: object, m: MemoryReport): object {
  return {
    ...doc,
    memory: {
      softLimitMb: m.softLimitBytes ? mb(m.softLimitBytes) : null,
      peakRssMb: mb(m.peakRssBytes),
      collections: m.collections,
    },
  };
}
