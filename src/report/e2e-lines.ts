/** --e2e / --follow in the final summary, the headless lines and --summary-json. */
import type { LatencyStats } from "../metrics/latency-histogram.ts";
import { ms, thousands } from "./format.ts";
import type { ClockEstimate, E2eSnapshot, FollowedTopic, SkewedStats } from "../engine/read-back-port.ts";

const pct = (part: number, whole: number): string =>
  whole > 0 ? `${((100 * part) / whole).toFixed(part === whole || part === 0 ? 0 : 2)} %` : "-";

function latencyText(label: string, s: SkewedStats): string {
  const l = s.stats;
  const skew = s.negative > 0 ? `; ${thousands(s.negative)} negative (clock skew ≥ ${ms(-s.mostNegativeMs)} ms)` : "";
  return `${label} p50 ${ms(l.p50)} p90 ${ms(l.p90)} p99 ${ms(l.p99)} max ${ms(l.max)} ms${skew}`;
}

/** Another instance's clock against this one's, estimated from the fastest record each stamped. */
function clockText(e: E2eSnapshot, c: ClockEstimate): string {
  const head = `clock skew: instance ${c.clock} (${thousands(c.records)} of its records read here, fastest ${ms(c.fastestMs)} ms)`;
  if (Number.isNaN(c.skewMs)) return `${head}: none of this instance's own records read back to compare`;
  const way = c.skewMs >= 0 ? "behind" : "ahead of";
  return `${head}: its clock is about ${ms(Math.abs(c.skewMs))} ms ${way} this one's (${e.clock}; ours fastest ${ms(e.ownFastestMs)} ms)`;
}

/** Counts of one followed output, in words; what the pipeline lost or copied named. */
export function followCounts(f: FollowedTopic): string {
  const parts = [
    `matched ${thousands(f.matched)}/${thousands(f.expected)}`,
    f.notYetOut ? `not yet out ${thousands(f.notYetOut)}` : "",
    f.neverOut ? `NEVER OUT ${thousands(f.neverOut)} (${pct(f.neverOut, f.expected)})` : "",
    f.duplicated ? `DUPLICATED ${thousands(f.duplicated)}` : "",
    f.foreign ? `foreign ${thousands(f.foreign)}` : "",
    f.unsampled ? `not sampled ${thousands(f.unsampled)}` : "",
  ];
  return parts.filter(Boolean).join("  ");
}

export function e2eSummaryLines(e: E2eSnapshot): string[] {
  const out: string[] = [];
  const sampled = e.sample < 1 ? ` (sampling ${+(e.sample * 100).toFixed(4)} % of records)` : "";
  if (e.topics.length > 0 || e.follows.length > 0) out.push(`  end to end${sampled}:`);
  for (const t of e.topics) {
    const skipped = t.skipped > 0 ? ` (tail only: ${thousands(t.skipped)} passed over)` : "";
    out.push(`  ${t.name}: read back ${thousands(t.read)}${skipped}, measured ${thousands(t.sampled)}`);
    out.push(`    ${latencyText("send→readable    ", t.sendToReadable)}`);
    out.push(`    ${latencyText("intended→readable", t.intendedToReadable)}`);
  }
  for (const c of e.clocks) out.push(`  ${clockText(e, c)}`);
  for (const f of e.follows) {
    out.push(`  ${f.in} → pipeline → ${f.out} (by ${f.by}): ${followCounts(f)}`);
    if (f.neverOut > 0) {
      const what = f.by === "headers" ? "device:seq" : f.by;
      out.push(
        `    never out (${what}): ${f.neverOutExamples.join(", ")}${f.neverOut > f.neverOutExamples.length ? ", ..." : ""}`,
      );
    }
    out.push(`    ${latencyText("send→out    ", f.sendToOut)}`);
    out.push(`    ${latencyText("intended→out", f.intendedToOut)}`);
    if (f.read > 0 && f.matched === 0 && f.foreign === f.read && f.by === "headers") {
      out.push("    nothing out carried surge's headers: does the pipeline drop them? then --match $.FIELD");
    }
  }
  if (e.problem) out.push(`  ${e.problem}`);
  return out;
}

/** One line per read-back topic and followed output, each interval. */
export function e2eIntervalLines(head: string, e: E2eSnapshot): string[] {
  const lines = e.topics.map(
    (t) =>
      `${head} ${t.name} e2e send→readable p50 ${ms(t.window.sendToReadable.p50)} p99 ${ms(t.window.sendToReadable.p99)} ` +
      `max ${ms(t.window.sendToReadable.max)} ms (${thousands(t.sampled)} measured)`,
  );
  for (const f of e.follows) {
    lines.push(
      `${head} ${f.out} follow send→out p50 ${ms(f.window.sendToOut.p50)} p99 ${ms(f.window.sendToOut.p99)} ` +
        `max ${ms(f.window.sendToOut.max)} ms ${followCounts(f)}`,
    );
  }
  return lines;
}

const stats = (l: LatencyStats): object => ({
  count: l.count,
  p50: l.p50,
  p90: l.p90,
  p99: l.p99,
  p999: l.p999,
  max: l.max,
});
const skewed = (s: SkewedStats): object => ({
  ...stats(s.stats),
  negative: s.negative,
  mostNegativeMs: s.mostNegativeMs,
});

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

export function e2eJson(e: E2eSnapshot): object {
  return {
    sample: e.sample,
    ...(e.clock
      ? {
          clock: e.clock,
          ownFastestMs: finite(e.ownFastestMs),
          clocks: e.clocks.map((c) => ({ ...c, skewMs: finite(c.skewMs) })),
        }
      : {}),
    topics: Object.fromEntries(
      e.topics.map((t) => [
        t.name,
        {
          read: t.read,
          skipped: t.skipped,
          sampled: t.sampled,
          sendToReadableMs: skewed(t.sendToReadable),
          intendedToReadableMs: skewed(t.intendedToReadable),
        },
      ]),
    ),
    follows: Object.fromEntries(
      e.follows.map((f) => [
        f.out,
        {
          in: f.in,
          by: f.by,
          read: f.read,
          expected: f.expected,
          matched: f.matched,
          notYetOut: f.notYetOut,
          neverOut: f.neverOut,
          duplicated: f.duplicated,
          foreign: f.foreign,
          unsampled: f.unsampled,
          neverOutExamples: f.neverOutExamples,
          sendToOutMs: skewed(f.sendToOut),
          intendedToOutMs: skewed(f.intendedToOut),
        },
      ]),
    ),
    ...(e.problem ? { problem: e.problem } : {}),
  };
}
