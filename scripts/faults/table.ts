/** The fault matrix's results as the Markdown table RELIABILITY.md shows. */
import type { CellReport } from "./cell.ts";

const n = (v: number | undefined): string => (v === undefined ? "–" : v.toLocaleString("en-US"));

export function markdownTable(reports: readonly CellReport[], command: string, seconds: number): string {
  const lines = [
    `\`${command}\` (${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${Math.round(seconds)} s)`,
    "",
    "| fault | mode | generated (behind) | acked | failed | unsent | lost (acked, missing) | indeterminate | duplicates | out of order | back at rate (≥ 90 % of min(target, rate before)) | result |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const r of reports) {
    const v = r.verify;
    const judged = v.gaveUp === undefined;
    lines.push(
      `| ${r.fault} | ${r.mode} | ${n(r.totals?.generated)} (${n(r.behind)}) | ${n(r.totals?.acked)} | ${n(r.totals?.failed)} | ${n(r.totals?.unsent)} | ` +
        `${judged ? n(v.lost) : "no verdict"} | ${judged ? n(v.indeterminate) : "–"} | ${judged ? n(v.duplicates) : "–"} | ${judged ? n(v.outOfOrder) : "–"} | ` +
        `${r.recoveryS === undefined ? "never" : `${r.recoveryS.toFixed(0)} s`} (${n(Math.round(r.referenceRate))}/s) | ${r.pass ? "pass" : `**FAIL**: ${r.failures.join("; ")}`} |`,
    );
  }
  return lines.join("\n");
}
