/** Helpers the trace tests share: surge's CLI run from a scratch directory, and a CSV text parsed (or the test failed). */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseCsv, type CsvTable } from "../../../src/trace/csv.ts";

const ROOT = join(import.meta.dirname, "../../..");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `surge ARGS` through tsx, run from `dir` (so relative paths are the test's own files). */
export function surgeIn(dir: string): (...args: string[]) => CliResult {
  return (...args) => {
    const r = spawnSync(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), join(ROOT, "src/main.ts"), ...args],
      {
        cwd: dir,
        encoding: "utf8",
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
}

/** The table of `text`, read as the file `source`; a problem fails the test. */
export function parsedTable(text: string, source: string): CsvTable {
  const t = parseCsv(text, source);
  if ("problem" in t) assert.fail(t.problem);
  return t;
}
