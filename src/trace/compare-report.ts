/** A comparison as text (aligned table, long pair lists cut to the worst) or as one JSON object. */
import type { CompareLine, CompareResult } from "./compare.ts";

/** Pairs listed in full up to this many; beyond it the worst ones and a count. */
const MAX_PAIRS_SHOWN = 30;

const show = (x: number): string =>
  Number.isFinite(x)
    ? Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0)
      ? x.toExponential(3)
      : String(+x.toPrecision(5))
    : String(x);

function table(lines: readonly CompareLine[]): string[] {
  const rows = lines.map((l) => [
    l.column,
    l.stat,
    show(l.trace),
    show(l.generated),
    l.tolerance,
    l.pass ? "pass" : "FAIL",
  ]);
  const head = ["column", "statistic", "trace", "generated", "tolerance", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const fmt = (r: string[]): string =>
    r
      .map((c, i) => (i >= 2 && i <= 3 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join("  ")
      .trimEnd();
  return [fmt(head), ...rows.map(fmt)];
}

export function compareText(r: CompareResult, traceName: string, sampleName: string): string {
  const out = [`${traceName} (${r.traceRows} rows) vs ${sampleName} (${r.sampleRows} rows)`, "", ...table(r.columns)];
  if (r.columns.some((l) => l.stat.endsWith("profile correlation")))
    out.push(
      "(a profile: the mean per bin of the values clipped to the trace's 0.1 % and 99.9 % quantiles, so one outlier makes no bin)",
    );
  if (r.pairs.length > 0) {
    const passed = r.pairs.filter((p) => p.pass).length;
    out.push("", `pairwise correlations: ${passed}/${r.pairs.length} within ±0.1`);
    const shown =
      r.pairs.length <= MAX_PAIRS_SHOWN
        ? r.pairs
        : [...r.pairs]
            .sort((a, b) => Math.abs(b.generated - b.trace) - Math.abs(a.generated - a.trace))
            .slice(0, MAX_PAIRS_SHOWN);
    if (shown.length < r.pairs.length) out.push(`(the ${shown.length} farthest apart; --json lists all)`);
    out.push(...table(shown));
  }
  const failed = [...r.columns, ...r.pairs].filter((l) => !l.pass).length;
  out.push(
    "",
    r.pass
      ? `PASS: all ${r.columns.length + r.pairs.length} lines within tolerance`
      : `FAIL: ${failed} of ${r.columns.length + r.pairs.length} lines out of tolerance`,
  );
  return out.join("\n");
}

export function compareJson(r: CompareResult): string {
  return JSON.stringify(r);
}
