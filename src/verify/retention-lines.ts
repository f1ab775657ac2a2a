/** The report's words for retention and compaction: what aged out and why, what retention does not explain. */
import { duration, thousands } from "../report/format.ts";
import { isCompacted, type TopicRetention } from "./aged-out.ts";
import type { TopicVerdict } from "./attribute.ts";
import { shareOfRun } from "./verdict.ts";

/** retention.bytes 1 GiB, retention.ms 7d, cleanup.policy delete */
export function describeRetention(r: TopicRetention): string {
  const bytes = r.retentionBytes < 0 ? "unlimited" : size(r.retentionBytes);
  const time = r.retentionMs < 0 ? "unlimited" : period(r.retentionMs);
  return `retention.bytes ${bytes}, retention.ms ${time}, cleanup.policy ${r.cleanupPolicy.join(",") || "delete"}`;
}

/** 7d, 12h, 30m; anything else as a duration (1m30s). */
function period(ms: number): string {
  for (const [unit, length] of [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
  ] as const) {
    if (ms >= length && ms % length === 0) return `${ms / length}${unit}`;
  }
  return duration(ms);
}

function size(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1 && n % 1024 === 0) {
    n /= 1024;
    u++;
  }
  return `${thousands(n)} ${units[u]}`;
}

export function retentionLines(t: TopicVerdict): string[] {
  const out: string[] = [];
  const b = t.belowStart;
  const settings = t.retention ? ` (${describeRetention(t.retention)})` : "";
  if (t.missing.agedOut > 0 && b) {
    out.push(
      `    aged out      ${num(t.missing.agedOut)}  acked, then deleted by ${b.reasons.join(" and ")} before verify read them${settings}: ` +
        `${shareOfRun(t)} of the run, not verified and not loss`,
    );
  }
  if (b && b.unexplained > 0) {
    const parts = b.partitions.filter((p) => p.reason === undefined).map((p) => p.partition);
    out.push(
      `    log start moved past ${thousands(b.unexplained)} acked records on partition${parts.length === 1 ? "" : "s"} ${parts.join(", ")} ` +
        `that retention does not explain${settings}: counted as lost (deleted some other way, e.g. DeleteRecords)`,
    );
  }
  if (t.retention && isCompacted(t.retention)) {
    out.push(
      `    compacted topic${settings}: only the last record per key (device) is expected; ` +
        `${thousands(t.missing.compacted)} earlier records were compacted away (not loss); a key's missing last record is still loss`,
    );
  }
  if (b && !b.known && t.missing.unexplained > 0) {
    out.push(
      "    note: the run recorded no acked offsets (written by an older surge): records retention deleted cannot be told from loss",
    );
  }
  return out;
}

const num = (n: number): string => thousands(n).padStart(9);
