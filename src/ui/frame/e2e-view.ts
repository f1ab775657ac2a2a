/** What the latency panel and the topic table show of --e2e and --follow for one topic. */
import type { E2eSnapshot } from "../../engine/read-back-port.ts";
import type { LatencyStats } from "../../metrics/latency-histogram.ts";
import type { LatencyView } from "../ui-state.ts";

/** The views `l` cycles through for this run. */
export function latencyViews(e2e: E2eSnapshot | undefined): readonly LatencyView[] {
  const views: LatencyView[] = ["latency", "late"];
  if (e2e && e2e.topics.length > 0) views.push("readable");
  if (e2e && e2e.follows.length > 0) views.push("out");
  return views;
}

export interface ViewStats {
  /** "send→ack", "lateness", "send→readable", "send→out of X". */
  what: string;
  stats: LatencyStats | undefined;
}

/** The whole-run stats the panel draws for topic `name` in `view`. */
export function e2eViewStats(name: string, view: "readable" | "out", e2e: E2eSnapshot | undefined): ViewStats {
  if (view === "readable")
    return { what: "send→readable", stats: e2e?.topics.find((t) => t.name === name)?.sendToReadable.stats };
  const follow = e2e?.follows.find((f) => f.in === name);
  return { what: follow ? `send→${follow.out}` : "send→out (no --follow of it)", stats: follow?.sendToOut.stats };
}

/** p99 send→readable of the last interval, for the table's e2e column (undefined: not read back). */
export function e2eP99(name: string, e2e: E2eSnapshot | undefined): number | undefined {
  const t = e2e?.topics.find((x) => x.name === name);
  return t && t.window.sendToReadable.count > 0 ? t.window.sendToReadable.p99 : undefined;
}
